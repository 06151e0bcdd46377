# Topic 15: @staticmethod vs @classmethod -- a classmethod receives the class (cls), so it
# suits alternative constructors that also work for subclasses; a staticmethod receives
# nothing implicit: a plain function kept in the class's namespace.
from datetime import date


class Person:
    def __init__(self, name, born):
        self.name, self.born = name, born

    @classmethod
    def from_string(cls, text):
        name, year = text.split(",")
        return cls(name.strip(), int(year))  # cls: whatever class it was called on

    @staticmethod
    def is_adult(age):
        return age >= 18

    def age_in(self, year):
        return year - self.born

    def __repr__(self):
        return f"{type(self).__name__}({self.name!r}, {self.born})"


class Student(Person):
    pass


p = Person.from_string("Ada, 1815")
s = Student.from_string("Alan, 1912")
print(p, s)
print(type(s).__name__, "built by the inherited classmethod")
print(Person.is_adult(17), p.is_adult(36), Student.is_adult(18))
print(p.age_in(1852))

# Bound or not: what each kind of method becomes when looked up on an instance.
print(type(p.age_in).__name__, type(p.from_string).__name__, type(p.is_adult).__name__)
print(p.from_string.__self__ is Person, s.from_string.__self__ is Student)

# The standard library uses classmethods as alternative constructors too.
print(date.fromisoformat("2025-03-14"), dict.fromkeys("ab", 0), int.from_bytes(b"\x01\x00", "big"))
