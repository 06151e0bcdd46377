# Topic: the typing module: hints that tools check statically and code can read at run time:
# unions with |, generics, Protocol, TypedDict, Literal, Annotated, TypeAlias and overload.
from typing import (Annotated, Generic, Literal, Protocol, TypeAlias, TypedDict, TypeVar,
                    get_args, get_origin, get_type_hints, runtime_checkable)

Number: TypeAlias = int | float          # 3.12 would write: type Number = int | float
T = TypeVar("T")


class Stack(Generic[T]):
    def __init__(self) -> None:
        self.items: list[T] = []

    def push(self, item: T) -> None:
        self.items.append(item)


@runtime_checkable
class Closeable(Protocol):
    def close(self) -> None: ...


class Movie(TypedDict):
    title: str
    year: int


class File:
    def close(self) -> None:
        pass


def scale(value: Number, unit: Literal["m", "km"] = "m",
          factor: Annotated[float, "must be > 0"] = 1.0) -> Number:
    return value * factor * (1000 if unit == "km" else 1)


hints = get_type_hints(scale, include_extras=True)
print("value:", hints["value"], "| args:", get_args(hints["value"]))
print("unit choices:", get_args(hints["unit"]))
print("factor metadata:", hints["factor"].__metadata__)
print("Stack[int] origin:", get_origin(Stack[int]).__name__, "args:", get_args(Stack[int]))
print("File is Closeable (structural, no inheritance):", isinstance(File(), Closeable))
print("int is Closeable:", isinstance(3, Closeable))
movie: Movie = {"title": "Alien", "year": 1979}
print("TypedDict keys:", sorted(Movie.__annotations__), "value is a plain dict:", type(movie).__name__)
print("hints are not enforced at run time:", scale("ab", "m", 2))
