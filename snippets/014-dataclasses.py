# Topic: dataclasses -- generated __init__/__repr__/__eq__, defaults, ordering, frozen, asdict
from dataclasses import dataclass, field, asdict, replace, FrozenInstanceError


@dataclass(order=True)
class Employee:
    name: str
    salary: int = 0
    skills: list = field(default_factory=list)


@dataclass(frozen=True)
class Point:
    x: float
    y: float


alice, bob = Employee("Alice", 5000, ["python"]), Employee("Bob")
print(alice)
print(bob)
print(alice == Employee("Alice", 5000, ["python"]), alice < bob)
print(asdict(alice))
print(replace(bob, salary=4200))
print(sorted([bob, alice], key=lambda e: e.salary))
p = Point(1.5, 2.0)
try:
    p.x = 3
except FrozenInstanceError as exc:
    print("frozen:", exc)
print(p, hash(p) == hash(Point(1.5, 2.0)))
