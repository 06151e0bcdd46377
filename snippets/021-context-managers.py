# Topic 21: context managers -- the with statement guarantees set-up and clean-up around a
# block, even when it raises: a class with __enter__/__exit__, a generator with
# contextlib.contextmanager, and a time limit built on a signal (a process's main thread).
import signal
import time
from contextlib import contextmanager, suppress, ExitStack


class Resource:
    def __init__(self, name):
        self.name = name

    def __enter__(self):
        print(f"open {self.name}")
        return self

    def __exit__(self, exc_type, exc, tb):
        print(f"close {self.name} ({exc_type.__name__ if exc_type else 'no error'})")
        return exc_type is KeyError  # True swallows the exception


with Resource("db") as r:
    print("using", r.name)
with Resource("cache"):
    raise KeyError("swallowed by __exit__")
try:
    with Resource("file"):
        raise ValueError("passes through")
except ValueError as exc:
    print("caught outside:", exc)


@contextmanager
def tag(name):
    print(f"<{name}>")
    try:
        yield name.upper()
    finally:
        print(f"</{name}>")


with tag("p") as upper:
    print("  body", upper)

with suppress(FileNotFoundError):
    open("does-not-exist.txt")
print("suppress() ignored the missing file")

with ExitStack() as stack:
    names = [stack.enter_context(Resource(n)).name for n in ("a", "b")]
    print("both open:", names)  # closed in reverse order on exit


class TimeLimitExceeded(Exception):
    pass


@contextmanager
def time_limit(seconds):
    def on_alarm(signum, frame):
        raise TimeLimitExceeded(f"over {seconds} s")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


try:
    with time_limit(0.05):
        time.sleep(5)
except TimeLimitExceeded as exc:
    print("stopped:", exc)
with time_limit(5):
    print("fast block finished within its limit")
