# Topic 20: generators -- functions that yield values one at a time, keeping their state
# between calls. They hold one item at a time instead of a whole list, so they work on
# streams and even on infinite sequences.
import itertools
import sys


def fibonacci():
    a, b = 0, 1
    while True:
        yield a
        a, b = b, a + b


print(list(itertools.islice(fibonacci(), 10)))
print(list(itertools.takewhile(lambda n: n < 100, fibonacci())))

squares_list = [n * n for n in range(100_000)]
squares_gen = (n * n for n in range(100_000))
small_gen = (n * n for n in range(10))
print("a generator's size does not grow with n:", sys.getsizeof(squares_gen) == sys.getsizeof(small_gen))
print("the list is over 1000 times bigger:", sys.getsizeof(squares_list) > 1000 * sys.getsizeof(squares_gen))
print(sum(squares_gen) == sum(squares_list))


def countdown(n):
    print("  starting")
    while n > 0:
        yield n
        n -= 1
    print("  finished")


gen = countdown(3)
print("nothing ran yet")
print(next(gen))
print(list(gen))
print(next(gen, "exhausted"))


# A pipeline of generators: each stage pulls one line at a time.
def read_lines(text):
    for line in text.splitlines():
        yield line


def parse(lines):
    for line in lines:
        name, _, value = line.partition("=")
        if value:
            yield name.strip(), int(value)


config = "a = 1\nbad line\nb = 22\nc = 333"
print(dict(parse(read_lines(config))))


def running_average():
    total = count = 0
    average = None
    while True:
        value = yield average  # send() delivers a value into the generator
        total += value
        count += 1
        average = total / count


avg = running_average()
next(avg)
print([avg.send(v) for v in (10, 20, 30)])


def chain_all(*iterables):
    for it in iterables:
        yield from it


print(list(chain_all("ab", [1, 2], range(2))))
