# Topic: what Cython gives (Cython is not installed here): Python calling compiled C with declared
# C types. ctypes shows the same boundary: C functions from libm/libc with declared argument and
# result types, and what happens without the declarations.
import ctypes
import math

libm = ctypes.CDLL("libm.so.6")
libc = ctypes.CDLL("libc.so.6")

libm.pow.argtypes = [ctypes.c_double, ctypes.c_double]   # like "cdef double pow(double, double)"
libm.pow.restype = ctypes.c_double
print("pow(2.0, 10.0) from C:", libm.pow(2.0, 10.0))

libm.hypot.argtypes = [ctypes.c_double, ctypes.c_double]
libm.hypot.restype = ctypes.c_double
print("hypot(3, 4) matches math.hypot:", libm.hypot(3, 4) == math.hypot(3, 4))

try:
    libm.pow("2", 10.0)                         # typed arguments are checked at the boundary
except ctypes.ArgumentError as exc:
    print("wrong type refused:", exc)

libc.strlen.argtypes = [ctypes.c_char_p]
libc.strlen.restype = ctypes.c_size_t
print("strlen(b'cython') =", libc.strlen(b"cython"))

# A C array of typed values, as a Cython memoryview would give: contiguous doubles, no boxing.
values = (ctypes.c_double * 5)(1.5, 2.5, 3.0, 4.0, 5.0)
print("C array bytes:", ctypes.sizeof(values), "for", len(values), "doubles; sum", sum(values))

compar = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.POINTER(ctypes.c_double), ctypes.POINTER(ctypes.c_double))
libc.qsort(values, len(values), ctypes.sizeof(ctypes.c_double),
           compar(lambda a, b: (a[0] < b[0]) - (a[0] > b[0])))
print("sorted by C's qsort (descending):", list(values))
