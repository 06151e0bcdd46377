# Topic: optimising memory: generators instead of lists, array.array for numbers, __slots__ for
# many small objects, measured with sys.getsizeof and tracemalloc.
import array
import sys
import tracemalloc

n = 100_000
as_list = list(range(n))
as_array = array.array("i", range(n))
print("list of ints (container only):", sys.getsizeof(as_list) // 1024, "KiB")
print("array('i'):                  ", sys.getsizeof(as_array) // 1024, "KiB")
print("generator object:            ", sys.getsizeof(x for x in range(n)), "bytes, whatever n is")


def peak_kib(fn):
    tracemalloc.start()
    fn()
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak // 1024


list_peak = peak_kib(lambda: sum([i * i for i in range(n)]))
gen_peak = peak_kib(lambda: sum(i * i for i in range(n)))
print("sum over a list comprehension peaks above 1 MiB:", list_peak > 1024)
print("sum over a generator stays under 10 KiB:", gen_peak < 10)


class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y


class SlotPoint:
    __slots__ = ("x", "y")

    def __init__(self, x, y):
        self.x, self.y = x, y


plain = Point(1, 2)
slotted = SlotPoint(1, 2)
print("plain instance has a __dict__:", hasattr(plain, "__dict__"))
print("slotted instance has a __dict__:", hasattr(slotted, "__dict__"))
print("slotted is smaller:", sys.getsizeof(slotted) < sys.getsizeof(plain) + sys.getsizeof(plain.__dict__))
try:
    slotted.z = 3
except AttributeError as exc:
    print("no new attributes:", exc)
