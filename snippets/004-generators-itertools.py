# Topic: generators and itertools (islice, takewhile, chain, groupby, accumulate, product)
import itertools


def fibonacci():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b


print(list(itertools.islice(fibonacci(), 10)))
print(list(itertools.takewhile(lambda n: n < 100, fibonacci())))
print(list(itertools.chain("ab", [1, 2], (3,))))
print(list(itertools.accumulate([1, 2, 3, 4, 5])))

words = ["apple", "avocado", "banana", "blueberry", "cherry"]
for letter, group in itertools.groupby(words, key=lambda w: w[0]):
    print(letter, list(group))

print(["".join(p) for p in itertools.product("ab", "xy")])

gen = (n * n for n in range(3))
print(next(gen), next(gen), next(gen), next(gen, "done"))
