# Topic 13: inheritance -- a subclass reuses and extends its base class: it overrides methods,
# calls the base through super(), and Python resolves names along the MRO (C3 linearisation).
from abc import ABC, abstractmethod


class Shape(ABC):
    def __init__(self, name):
        self.name = name

    @abstractmethod
    def area(self):
        ...

    def describe(self):
        return f"{self.name} with area {self.area():.2f}"


class Rectangle(Shape):
    def __init__(self, width, height):
        super().__init__("rectangle")
        self.width, self.height = width, height

    def area(self):
        return self.width * self.height


class Square(Rectangle):
    def __init__(self, side):
        super().__init__(side, side)
        self.name = "square"


class Circle(Shape):
    def __init__(self, radius):
        super().__init__("circle")
        self.radius = radius

    def area(self):
        return 3.14159 * self.radius ** 2


for shape in (Rectangle(2, 3), Square(4), Circle(1)):
    print(shape.describe())
print(isinstance(Square(1), Rectangle), issubclass(Square, Shape), issubclass(Circle, Rectangle))
print([cls.__name__ for cls in Square.__mro__])
try:
    Shape("abstract")
except TypeError as exc:
    print(exc)


# Multiple inheritance: the diamond, each __init__ called once in MRO order.
class Base:
    def greet(self):
        return ["Base"]


class Left(Base):
    def greet(self):
        return ["Left"] + super().greet()


class Right(Base):
    def greet(self):
        return ["Right"] + super().greet()


class Child(Left, Right):
    def greet(self):
        return ["Child"] + super().greet()


print(Child().greet())
print(" -> ".join(cls.__name__ for cls in Child.__mro__))
