# Topic: common Python mistakes interviewers look for, each shown with its fix: mutable default
# arguments, late-binding closures, changing a list while iterating it, `is` for value
# comparison, a bare except, and ignoring the empty input.


def append_bad(item, bucket=[]):
    bucket.append(item)
    return bucket


def append_good(item, bucket=None):
    bucket = [] if bucket is None else bucket
    bucket.append(item)
    return bucket


print("mutable default:", append_bad(1), append_bad(2), "| fixed:", append_good(1), append_good(2))

late = [lambda: i for i in range(3)]
bound = [lambda i=i: i for i in range(3)]
print("late binding:", [f() for f in late], "| bound early:", [f() for f in bound])

numbers = [1, 2, 2, 3, 4]
for n in numbers:
    if n % 2 == 0:
        numbers.remove(n)        # skips the element after each removal
print("remove while iterating:", numbers, "| comprehension:", [n for n in [1, 2, 2, 3, 4] if n % 2])

a = int("1000")
b = int("1000")
print("is vs ==:", a is b, a == b, "(is compares identity, not value)")


def parse_bad(text):
    try:
        return int(text)
    except:                      # also swallows KeyboardInterrupt, NameError, typos...
        return 0


def parse_good(text):
    try:
        return int(text)
    except ValueError:
        return None


print("bare except hides the bug:", parse_bad(None), "| narrow except:", end=" ")
try:
    parse_good(None)
except TypeError as exc:
    print("TypeError surfaces:", exc)


def average(values):
    if not values:               # the edge case
        return None
    return sum(values) / len(values)


print("empty input:", average([]), "| normal:", average([2, 4, 9]))
