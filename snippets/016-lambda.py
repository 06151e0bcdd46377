# Topic 16: lambda functions -- small anonymous functions of one expression, used where a
# short function is passed as an argument: sort keys, map/filter, callbacks.
people = [("alice", 31), ("bob", 25), ("carol", 31), ("dave", 19)]

print(sorted(people, key=lambda p: p[1]))
print(sorted(people, key=lambda p: (-p[1], p[0])))
print(max(people, key=lambda p: len(p[0])))
print(list(filter(lambda p: p[1] > 20, people)))
print(list(map(lambda p: p[0].title(), people)))

operations = {
    "+": lambda a, b: a + b,
    "-": lambda a, b: a - b,
    "*": lambda a, b: a * b,
}
print([operations[op](6, 3) for op in "+-*"])

square = lambda x: x * x  # noqa: E731 (PEP 8 prefers def when the function gets a name)
print(square(7), square.__name__)

# Late binding: a lambda reads the variable when called, not when made.
late = [lambda: i for i in range(3)]
bound = [lambda i=i: i for i in range(3)]
print([f() for f in late], [f() for f in bound])

# Lambdas can take defaults and *args like any function, but hold only one expression.
join = lambda *parts, sep="-": sep.join(parts)
print(join("a", "b", "c"), join("x", "y", sep="+"))
