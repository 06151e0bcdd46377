# Topic 32: the assert statement -- checks an internal assumption and raises AssertionError
# when it is false. It is for invariants and tests, never for validating input: running
# Python with -O removes every assert.
def average(values):
    assert len(values) > 0, "average() needs at least one value"
    return sum(values) / len(values)


print(average([2, 4, 9]))
try:
    average([])
except AssertionError as exc:
    print("AssertionError:", exc)


def apply_discount(price, percent):
    discounted = price * (1 - percent / 100)
    assert 0 <= discounted <= price, f"bad discount result {discounted}"  # an invariant
    return discounted


print(apply_discount(80, 25))
try:
    apply_discount(80, 150)
except AssertionError as exc:
    print("invariant broken:", exc)

# The pitfall: a tuple is always true, so this assert can never fail (Python warns about it).
check = (1 == 2, "this message is part of the tuple")
print("a non-empty tuple is truthy:", bool(check))

# With optimisation (python -O), asserts are not even compiled in.
source = "assert False, 'checked'\nresult = 'no assert ran'"
for level in (0, 1):
    namespace = {}
    try:
        exec(compile(source, "<demo>", "exec", optimize=level), namespace)
        print(f"optimize={level}:", namespace["result"])
    except AssertionError as exc:
        print(f"optimize={level}: AssertionError {exc}")


# Input validation must use a real exception instead.
def set_age(age):
    if not isinstance(age, int) or age < 0:
        raise ValueError(f"age must be a non-negative int, got {age!r}")
    return age


try:
    set_age(-3)
except ValueError as exc:
    print(exc)
