# Topic: context managers -- contextlib.contextmanager, a class with __enter__/__exit__
from contextlib import contextmanager


@contextmanager
def tag(name):
    print(f"<{name}>")
    try:
        yield name.upper()
    finally:
        print(f"</{name}>")


class Resource:
    def __enter__(self):
        print("acquire")
        return self

    def __exit__(self, exc_type, exc, tb):
        print("release, error was:", exc_type.__name__ if exc_type else None)
        return exc_type is KeyError  # swallow KeyError only


with tag("div") as upper:
    print("  inside", upper)
with Resource():
    {}["nope"]
print("KeyError was suppressed")
