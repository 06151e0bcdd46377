# Topic: a class with __repr__ and other dunder methods (operators, equality, len, iteration)
class Vector:
    def __init__(self, *coords):
        self.coords = tuple(coords)

    def __repr__(self):
        return f"Vector{self.coords!r}"

    def __str__(self):
        return "<" + ", ".join(map(str, self.coords)) + ">"

    def __add__(self, other):
        return Vector(*(a + b for a, b in zip(self.coords, other.coords)))

    def __mul__(self, k):
        return Vector(*(a * k for a in self.coords))

    def __eq__(self, other):
        return isinstance(other, Vector) and self.coords == other.coords

    def __len__(self):
        return len(self.coords)

    def __iter__(self):
        return iter(self.coords)


v, w = Vector(1, 2, 3), Vector(4, 5, 6)
print(repr(v), str(v), v + w, v * 2, [v, w])
print(v == Vector(1, 2, 3), v == w, len(v), list(w), sum(w))
