# Topic: numpy broadcasting -- a column and a row combine into a table without loops
import numpy as np

rows = np.arange(1, 4).reshape(3, 1)
cols = np.arange(1, 5)
table = rows * cols
print(table)
print("shape:", table.shape)
print("column sums:", table.sum(axis=0))
print("mean as float:", table.mean())
