# Topic 14: decorators -- a function that takes a function and returns a replacement, applied
# with @. functools.wraps keeps the original's name and docstring; a decorator factory takes
# arguments; a class decorator can register classes.
import functools


def counted(func):
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        wrapper.calls += 1
        result = func(*args, **kwargs)
        print(f"call #{wrapper.calls}: {func.__name__}{args} -> {result}")
        return result

    wrapper.calls = 0
    return wrapper


@counted
def add(a, b):
    """Return the sum of a and b."""
    return a + b


add(1, 2)
add(10, 20)
print(add.__name__, "|", add.__doc__, "|", add.calls, "|", add.__wrapped__(5, 5))


def retry(times, exceptions=(Exception,)):
    def decorator(func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            for attempt in range(1, times + 1):
                try:
                    return func(*args, **kwargs)
                except exceptions as exc:
                    print(f"attempt {attempt} failed: {exc}")
            raise RuntimeError(f"{func.__name__} failed {times} times")
        return wrapper
    return decorator


outcomes = iter([ConnectionError("reset"), ConnectionError("timeout"), "data"])


@retry(times=3, exceptions=(ConnectionError,))
def fetch():
    outcome = next(outcomes)
    if isinstance(outcome, Exception):
        raise outcome
    return outcome


print("fetched:", fetch())

PLUGINS = {}


def register(cls):
    PLUGINS[cls.__name__.lower()] = cls
    return cls


@register
class Csv:
    pass


@register
class Json:
    pass


print("registered:", sorted(PLUGINS))


# Decorators stack bottom-up: @bold @italic f is bold(italic(f)).
def bold(f):
    return lambda: "<b>" + f() + "</b>"


def italic(f):
    return lambda: "<i>" + f() + "</i>"


@bold
@italic
def text():
    return "hi"


print(text())
