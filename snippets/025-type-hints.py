# Topic 25: type hints -- annotations say what a function takes and returns; Python ignores
# them at run time, while type checkers (mypy, pyright), editors and libraries read them.
from dataclasses import dataclass
from typing import Optional, Protocol, TypedDict, TypeVar, Callable, get_type_hints
import inspect

T = TypeVar("T")


def first(items: list[T], default: Optional[T] = None) -> Optional[T]:
    return items[0] if items else default


class Movie(TypedDict):
    title: str
    year: int


class SupportsArea(Protocol):
    def area(self) -> float: ...


@dataclass
class Square:
    side: float

    def area(self) -> float:
        return self.side ** 2


def total_area(shapes: list[SupportsArea]) -> float:
    return sum(s.area() for s in shapes)


print(first([3, 4]), first([], default="empty"))
print(get_type_hints(first))
print(total_area([Square(2), Square(3)]))
movie: Movie = {"title": "Arrival", "year": 2016}
print(movie, Movie.__annotations__)

# Not enforced at run time: a wrong type goes through until something breaks.
print(first("abc"))


def enforce(func: Callable) -> Callable:
    """Checks the arguments against simple (non-generic) annotations when called."""
    hints = get_type_hints(func)
    signature = inspect.signature(func)

    def wrapper(*args, **kwargs):
        for name, value in signature.bind(*args, **kwargs).arguments.items():
            expected = hints.get(name)
            if isinstance(expected, type) and not isinstance(value, expected):
                raise TypeError(f"{name} must be {expected.__name__}, not {type(value).__name__}")
        return func(*args, **kwargs)

    return wrapper


@enforce
def repeat(text: str, times: int) -> str:
    return text * times


print(repeat("ab", 3))
try:
    repeat("ab", "3")
except TypeError as exc:
    print("TypeError:", exc)
