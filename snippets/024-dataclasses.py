# Topic 24: dataclasses (Python 3.7+) -- @dataclass writes __init__, __repr__ and __eq__ from
# annotated fields; options add ordering, immutability (frozen) and __slots__.
from dataclasses import dataclass, field, asdict, astuple, replace, fields, FrozenInstanceError


@dataclass(order=True)
class Employee:
    name: str
    salary: int = 0
    skills: list = field(default_factory=list)  # a mutable default needs a factory
    badge: str = field(default="", repr=False, compare=False)


@dataclass(frozen=True, slots=True)
class Point:
    x: float
    y: float


@dataclass
class Order:
    price: float
    quantity: int
    total: float = field(init=False)

    def __post_init__(self):
        if self.quantity < 0:
            raise ValueError("quantity must not be negative")
        self.total = self.price * self.quantity


alice, bob = Employee("Alice", 5000, ["python"], badge="A1"), Employee("Bob")
print(alice)
print(bob)
print(alice == Employee("Alice", 5000, ["python"]), alice < bob)
print(asdict(alice), astuple(bob))
print(replace(bob, salary=4200))
print([f.name for f in fields(Employee)])

p = Point(1.5, 2.0)
try:
    p.x = 3
except FrozenInstanceError as exc:
    print("frozen:", exc)
print(p, hash(p) == hash(Point(1.5, 2.0)), hasattr(p, "__dict__"))

print(Order(2.5, 4))
try:
    Order(1.0, -1)
except ValueError as exc:
    print("__post_init__ validation:", exc)
try:
    @dataclass
    class Bad:
        items: list = []
except ValueError as exc:
    print(exc)
