# Topic: formatting a text table with ljust (compare = "normalize": trailing spaces are ignored)
rows = [("Name", "Lang", "Stars"), ("requests", "Python", ""), ("ripgrep", "Rust", "45k"),
        ("curl", "C", "")]

widths = [max(len(row[i]) for row in rows) for i in range(3)]
for row in rows:
    # the last column is padded too, which leaves trailing spaces on short rows
    print("  ".join(cell.ljust(w) for cell, w in zip(row, widths)))
print()
print("total rows:", len(rows) - 1)
print()
