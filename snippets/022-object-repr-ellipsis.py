# Topic: default object repr includes a memory address (compare = "ellipsis" matches it with ...)
class Plain:
    pass


class Named:
    def __init__(self, label):
        self.label = label

    def __repr__(self):
        return f"Named({self.label!r})"


p = Plain()
print(p)
print(repr(Named("x")))
print(type(p).__name__, type(p).__module__)
print(object().__repr__().startswith("<object object at 0x"))
print([Plain(), Named("y")])
print(id(p) == id(p), p is not Plain())
