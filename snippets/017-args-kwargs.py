# Topic 17: *args and **kwargs -- *args collects extra positional arguments into a tuple,
# **kwargs extra keyword arguments into a dict; at a call site * and ** unpack them again.
def describe(*args, **kwargs):
    return f"args={args} kwargs={kwargs}"


print(describe())
print(describe(1, 2, colour="red", size=3))

numbers = [4, 5, 6]
options = {"sep": " | ", "end": "\n"}
print(*numbers, **options)


def total(*values, start=0):  # start is keyword-only: it comes after *values
    return start + sum(values)


print(total(1, 2, 3), total(1, 2, 3, start=10))


def connect(host, port=5432, /, *, timeout=5, **extra):  # host and port: positional-only
    return f"{host}:{port} timeout={timeout} extra={sorted(extra.items())}"


print(connect("db.local"))
print(connect("db.local", 6543, timeout=1, ssl=True, user="app"))
try:
    connect(host="db.local")
except TypeError as exc:
    print("TypeError:", exc)


# Forwarding everything to another function: the usual use in wrappers and subclasses.
def logged(func):
    def wrapper(*args, **kwargs):
        print(f"calling {func.__name__} with {args} {kwargs}")
        return func(*args, **kwargs)
    return wrapper


@logged
def power(base, exponent=2):
    return base ** exponent


print(power(3), power(2, exponent=10))
first, *middle, last = range(6)
print(first, middle, last, {**{"a": 1}, **{"b": 2, "a": 3}})
