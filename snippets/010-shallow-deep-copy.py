# Topic 10: shallow vs deep copy -- a shallow copy is a new container holding the same inner
# objects; a deep copy copies the inner objects too, recursively.
import copy

original = {"name": "team", "members": ["ada", "alan"], "meta": {"size": 2}}

alias = original
shallow = copy.copy(original)
deep = copy.deepcopy(original)

original["members"].append("grace")
original["name"] = "renamed"

print("alias:  ", alias)
print("shallow:", shallow)
print("deep:   ", deep)
print("shared inner list?", shallow["members"] is original["members"], deep["members"] is original["members"])

# Slicing and list() are shallow copies too.
grid = [[0, 0], [0, 0]]
row_copy = grid[:]
row_copy[0][0] = 1
print("after changing the slice's row:", grid)

# The classic trap: [[0] * 2] * 2 repeats one inner list.
trap = [[0] * 2] * 2
trap[0][0] = 9
print("repeated inner list:", trap)
fixed = [[0] * 2 for _ in range(2)]
fixed[0][0] = 9
print("one list per row:   ", fixed)

# deepcopy keeps shared references and cycles intact.
shared = [1]
pair = [shared, shared]
pair_copy = copy.deepcopy(pair)
print("deepcopy keeps sharing:", pair_copy[0] is pair_copy[1], pair_copy[0] is shared)
loop = []
loop.append(loop)
print("deepcopy of a cycle:", copy.deepcopy(loop)[0] is not loop)
