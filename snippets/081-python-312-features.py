# Topic: Python 3.12's new features, checked against the interpreter at hand (3.11 here): which
# new syntax it compiles, which new library names it has, and the 3.11 way of writing each.
import itertools
import sys
from typing import Annotated, TypeVar

print("running Python", f"{sys.version_info.major}.{sys.version_info.minor}")

NEW_SYNTAX = {
    "PEP 695 type statement": "type Pair = tuple[int, int]",
    "PEP 695 generic function": "def first[T](items: list[T]) -> T: return items[0]",
    "PEP 701 quotes reused in f-string": "f'{\"-\".join(['a', 'b'])}'",
    "PEP 701 same quotes nested": "x = f\"{'a' + f\"{1}\"}\"",
}
for feature, code in NEW_SYNTAX.items():
    try:
        compile(code, "<new>", "exec")
        print(f"{feature}: compiles")
    except SyntaxError:
        print(f"{feature}: SyntaxError before 3.12")

print("itertools.batched available:", hasattr(itertools, "batched"))


def batched(iterable, n):               # the 3.11 fallback
    iterator = iter(iterable)
    while batch := tuple(itertools.islice(iterator, n)):
        yield batch


print("batches:", list(getattr(itertools, "batched", batched)("abcdefg", 3)))

# The 3.11 spelling of a generic function and annotated parameter.
T = TypeVar("T")


def first(items: list[T]) -> T:
    return items[0]


def greet(name: Annotated[str, "shown to the user"]) -> str:
    return f"Hello, {name}"


print(first([3, 1]), greet("Ada"), greet.__annotations__["name"].__metadata__)
