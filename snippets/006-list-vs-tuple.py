# Topic 6: list vs tuple -- a list is a mutable sequence (items of one kind, grown and sorted);
# a tuple is immutable (a fixed record), hashable when its items are, and usable as a dict key.
from collections import namedtuple

scores = [70, 85, 90]
scores.append(65)
scores.sort(reverse=True)
print("list after append and sort:", scores)

point = (3, 4)
try:
    point[0] = 10
except TypeError as exc:
    print("tuple assignment fails:", exc)

distances = {(0, 0): 0.0, point: 5.0}
print("tuple as a dict key:", distances[(3, 4)])
try:
    {[0, 0]: 0.0}
except TypeError as exc:
    print("list as a dict key fails:", exc)

# Immutability is shallow: a tuple holding a list can still change through the list.
record = ("ada", [1815])
record[1].append(1852)
print(record)
try:
    hash(record)
except TypeError as exc:
    print("so it is not hashable:", exc)

# Tuples unpack naturally and are what functions return for several values.
x, y = point
first, *rest = scores
print(x, y, first, rest)

Employee = namedtuple("Employee", "name role")
e = Employee("Grace", "admiral")
print(e, e.role, e._replace(role="scientist"))

print("methods only a list has:", sorted(set(dir(list)) - set(dir(tuple)) - {"__class_getitem__"})[:4], "...")
print("tuple methods:", [m for m in dir(tuple) if not m.startswith("_")])
