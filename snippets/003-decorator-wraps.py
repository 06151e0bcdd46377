# Topic: writing a decorator with functools.wraps (keeps __name__/__doc__) that counts calls
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
print(add.__name__)
print(add.__doc__)
print(add.calls)
print(add.__wrapped__(5, 5))
