# Topic 18: closures -- an inner function that remembers variables of the scope it was made
# in, after that scope has returned; nonlocal lets it rebind them.
def make_counter(start=0):
    count = start

    def increment(step=1):
        nonlocal count
        count += step
        return count

    return increment


a, b = make_counter(), make_counter(100)
print(a(), a(), a(5), b(), a())
print("free variables:", a.__code__.co_freevars, "cell value:", a.__closure__[0].cell_contents)


def multiplier(factor):
    return lambda x: x * factor


double, triple = multiplier(2), multiplier(3)
print(double(21), triple(7), [f(10) for f in (double, triple)])


def averager():
    values = []  # mutated, not rebound: no nonlocal needed

    def add(value):
        values.append(value)
        return sum(values) / len(values)

    return add


avg = averager()
print([avg(v) for v in (10, 20, 60)])

# Each closure captures the variable, not its value at creation time.
funcs = []
for n in range(3):
    funcs.append(lambda: n)
print("late binding:", [f() for f in funcs])
funcs = [(lambda n: lambda: n)(n) for n in range(3)]
print("one cell per call:", [f() for f in funcs])


def broken_counter():
    count = 0

    def increment():
        count += 1  # without nonlocal this is an assignment to a new local
        return count

    return increment


try:
    broken_counter()()
except UnboundLocalError as exc:
    print(type(exc).__name__ + ":", exc)
