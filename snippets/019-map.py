# Topic 19: map() -- applies a function to every item of one or more iterables and returns a
# lazy iterator: nothing is computed until the values are asked for.
words = ["python", "map", "filter"]

print(list(map(str.upper, words)))
print(list(map(len, words)))
print(list(map(int, "1 2 3 42".split())))
print(list(map(pow, [2, 3, 4], [5, 2, 1])))  # several iterables: one argument from each
print(list(map(lambda a, b: a + b, [1, 2, 3], [10, 20])))  # stops at the shortest

calls = []


def traced_square(x):
    calls.append(x)
    return x * x


lazy = map(traced_square, range(5))
print(type(lazy).__name__, "calls so far:", calls)
print(next(lazy), next(lazy), "calls so far:", calls)
print(list(lazy), "then exhausted:", list(lazy))

# The same with a comprehension, often clearer when a lambda would be needed.
prices = {"apple": 0.5, "pear": 0.75}
print(list(map(lambda item: f"{item[0]}={item[1]:.2f}", prices.items())))
print([f"{name}={price:.2f}" for name, price in prices.items()])
print(dict(zip(words, map(len, words))), sum(map(len, words)))
