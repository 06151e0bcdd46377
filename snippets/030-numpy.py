# Topic 30: NumPy -- typed n-dimensional arrays with vectorised operations in C: no Python
# loop per element, broadcasting between shapes, views instead of copies.
import numpy as np

a = np.arange(1, 13).reshape(3, 4)
print(a)
print("shape", a.shape, "dtype", a.dtype, "size", a.size)
print("sums by column", a.sum(axis=0), "by row", a.sum(axis=1), "mean", a.mean())

# Vectorised arithmetic and broadcasting: a (3, 1) column meets a (4,) row.
rows = np.arange(1, 4).reshape(3, 1)
cols = np.arange(1, 5)
print(rows * cols)
print("standardised columns:", np.round((a - a.mean(axis=0)) / a.std(axis=0), 3)[:, 0])

# Boolean masks and fancy indexing.
print(a[a % 2 == 0], a[[0, 2], 1:3].tolist())
print(np.where(a > 6, a, 0))

# Slices are views: they share memory with the original array.
view = a[0]
view[0] = 100
copy = a[1].copy()
copy[0] = -1
print("changed through the view:", a[0, 0], "unchanged by the copy:", a[1, 0], np.shares_memory(view, a))

x = np.linspace(0, 1, 5)
print(x, np.round(np.sqrt(x), 3))
print(np.dot([1, 2, 3], [4, 5, 6]), np.array([1.5, 2.5]).astype(int), np.zeros((2, 2), dtype=np.int8))
