# Topic: what numba's @jit does (numba is not installed here): compile a function lazily on its
# first call, once per argument-type signature, cache the machine code and reuse it. A toy
# dispatcher with the same behaviour, plus the vectorised numpy form numba competes with.
import functools

import numpy as np


def jit(func):
    compiled = {}

    @functools.wraps(func)
    def dispatcher(*args):
        signature = tuple(type(a).__name__ for a in args)
        if signature not in compiled:
            print(f"  compiling {func.__name__}{signature}")
            compiled[signature] = func        # numba would generate LLVM code for these types here
        return compiled[signature](*args)

    dispatcher.signatures = compiled.keys()
    return dispatcher


@jit
def total(n):
    acc = 0
    for i in range(n):
        acc += i
    return acc


print("first call:")
print("  total(1000) =", total(1000))
print("second call, same types (cached):")
print("  total(10) =", total(10))
print("call with a new type:")
print("  total(np.int64(5)) =", total(np.int64(5)))
print("signatures:", list(total.signatures))

# A loop-heavy function is what JIT compilation speeds up; numpy gets there by vectorising.
n = 1_000_000
print("numpy agrees:", int(np.arange(n, dtype=np.int64).sum()) == total(n) == n * (n - 1) // 2)
