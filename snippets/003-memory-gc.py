# Topic 3: memory management -- CPython frees an object when its reference count drops to
# zero; the cyclic garbage collector (gc) reclaims groups of objects that refer to each other.
import gc
import sys
import weakref


class Node:
    def __init__(self, name):
        self.name = name
        self.partner = None


def report(label):
    print(f"  freed: {label}")


# Reference counting: the object goes away as soon as the last reference does.
a = Node("a")
weakref.finalize(a, report, "a")
alias = a
print("references to a (getrefcount adds one for its argument):", sys.getrefcount(a))
del a
print("after del a: still alive through alias")
del alias
print("after del alias")

# A reference cycle keeps both counts above zero; only the cycle collector frees it.
gc.disable()
x, y = Node("x"), Node("y")
x.partner, y.partner = y, x
weakref.finalize(x, report, "x")
probe = weakref.ref(y)
del x, y
print("cycle dropped, still alive?", probe() is not None)
gc.collect()
print("after gc.collect(), still alive?", probe() is not None)
gc.enable()

# CPython caches small ints (-5 to 256) and shares them; larger ones are new objects.
print("gc enabled:", gc.isenabled(), "generations:", len(gc.get_threshold()))
small, big = 256, 10 ** 20
print("small ints shared:", small is int(str(small)), "large ints built anew:", big is not int(str(big)))
