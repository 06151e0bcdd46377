# Topic 9: list comprehensions -- build a list from an iterable with an optional filter, in one
# readable expression that is also faster than append() in a loop.
nums = range(1, 11)

squares_loop = []
for n in nums:
    if n % 2 == 0:
        squares_loop.append(n * n)
squares = [n * n for n in nums if n % 2 == 0]
print(squares, squares == squares_loop)

print(["even" if n % 2 == 0 else "odd" for n in range(5)])

matrix = [[1, 2, 3], [4, 5, 6]]
print("flattened:", [x for row in matrix for x in row])
print("transposed:", [[row[i] for row in matrix] for i in range(3)])

words = ["kiwi", "fig", "mango", "fig"]
print("dict:", {w: len(w) for w in words})
print("set:", sorted({len(w) for w in words}))
print("generator, no list built:", sum(n * n for n in nums))

# The loop variable stays inside the comprehension.
n = "outer"
_ = [n for n in range(3)]
print("n after the comprehension:", n)

# Walrus: compute once, filter and keep the value.
print([y for x in nums if (y := x * 3) > 20])
