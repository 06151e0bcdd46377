# Topic 51: matrix operations with NumPy -- the @ operator for matrix products, transpose,
# determinant and inverse, solving linear systems (better than multiplying by the inverse),
# eigenvalues, and element-wise vs matrix multiplication.
import numpy as np

A = np.array([[2.0, 1.0], [1.0, 3.0]])
B = np.array([[1, 2], [3, 4]])
print("A @ B =\n", A @ B)
print("A * B (element-wise) =\n", A * B)
print("B transposed:", B.T.tolist(), "trace:", np.trace(B))
print("det(A) =", round(np.linalg.det(A), 6))

inverse = np.linalg.inv(A)
print("inv(A) =", np.round(inverse, 3).tolist())
print("A @ inv(A) is the identity:", np.allclose(A @ inverse, np.eye(2)))

# Solve 2x + y = 5, x + 3y = 10.
b = np.array([5.0, 10.0])
x = np.linalg.solve(A, b)
print("solution:", x, "check:", np.allclose(A @ x, b))

values, vectors = np.linalg.eigh(A)  # symmetric matrix: eigh, real sorted eigenvalues
print("eigenvalues:", np.round(values, 4))
print("A v = lambda v:", np.allclose(A @ vectors[:, 0], values[0] * vectors[:, 0]))

M = np.arange(6).reshape(2, 3)
print("(2x3) @ (3x2) ->", (M @ M.T).shape, (M @ M.T).tolist())
try:
    M @ M
except ValueError as exc:
    print("shapes must agree:", str(exc).split(",")[0])
print("rank:", np.linalg.matrix_rank(np.array([[1, 2], [2, 4]])), "identity:\n", np.eye(3, dtype=int))
print("matrix power:", np.linalg.matrix_power(B, 3).tolist(), "outer:", np.outer([1, 2], [3, 4]).tolist())
