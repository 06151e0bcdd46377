# Topic 11: what a class is and how to define one -- a blueprint bundling data (attributes) with
# behaviour (methods): __init__ sets each instance up, class attributes are shared, dunder
# methods plug instances into Python's operators and built-ins.
class Vector:
    dimensions = 2  # class attribute: one value shared by every instance

    def __init__(self, x, y):
        self.x = x  # instance attributes: one set per object
        self.y = y

    def length_squared(self):
        return self.x ** 2 + self.y ** 2

    def __add__(self, other):
        return Vector(self.x + other.x, self.y + other.y)

    def __mul__(self, k):
        return Vector(self.x * k, self.y * k)

    def __eq__(self, other):
        return isinstance(other, Vector) and (self.x, self.y) == (other.x, other.y)

    def __repr__(self):
        return f"Vector({self.x}, {self.y})"

    def __iter__(self):
        yield self.x
        yield self.y


v, w = Vector(1, 2), Vector(3, 4)
print(v, w, v + w, v * 3)
print(w.length_squared(), v == Vector(1, 2), v == w, list(w))
print(Vector.dimensions, v.dimensions, type(v).__name__, isinstance(v, Vector))
print(sorted(vars(v)), Vector.__dict__["dimensions"])


class Temperature:
    def __init__(self, celsius):
        self.celsius = celsius

    @property
    def fahrenheit(self):  # computed attribute, read like data
        return self.celsius * 9 / 5 + 32

    @property
    def celsius(self):
        return self._celsius

    @celsius.setter
    def celsius(self, value):  # validation on assignment
        if value < -273.15:
            raise ValueError("below absolute zero")
        self._celsius = value


t = Temperature(25)
print(t.fahrenheit)
t.celsius = 100
print(t.fahrenheit)
try:
    t.celsius = -300
except ValueError as exc:
    print("rejected:", exc)
