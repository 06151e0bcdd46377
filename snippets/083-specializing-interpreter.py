# Topic: how CPython got faster (3.11's specializing adaptive interpreter, which 3.12 extends):
# after a few runs a function's generic bytecodes are replaced by versions specialised for the
# types actually seen. dis shows both forms; perf_counter is the clock to time with.
import dis
import time


class Vector:
    def __init__(self, x, y):
        self.x, self.y = x, y


def norm2(v):
    return v.x * v.x + v.y * v.y


def opnames(func, adaptive):
    return [i.opname for i in dis.get_instructions(func, adaptive=adaptive)
            if i.opname.startswith(("LOAD_ATTR", "BINARY_OP"))]


before = opnames(norm2, adaptive=True)
print("before warm-up:", before)
for _ in range(100):
    norm2(Vector(3, 4))
print("after ints:    ", opnames(norm2, adaptive=True))
print("non-adaptive view still shows the generic form:", opnames(norm2, adaptive=False) == before)


def add(a, b):
    return a + b


for _ in range(100):
    add(1.5, 2.25)
print("add on floats: ", opnames(add, adaptive=True))

start = time.perf_counter()        # monotonic, high resolution: not time.time()
total = sum(norm2(Vector(i, i)) for i in range(1000))
elapsed = time.perf_counter() - start
print("result:", total, "| measured a positive duration:", elapsed > 0)
