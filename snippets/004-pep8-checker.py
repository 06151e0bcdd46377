# Topic 4: PEP 8, Python's style guide -- a consistent style makes code easy to review. A tiny
# checker for four of its rules (linters such as flake8 or pycodestyle do this for real).
# The report is a table whose last column is padded: compare = "normalize" in snipcheck.toml.
import ast
import re

SOURCE = '''\
import os, sys
def CalculateTotal(Items):
    total=0
    for item in Items:
        total += item.price * item.quantity  # a comment that makes this line far longer than it should be
    return total
class shopping_cart:
    pass
'''


def check(source):
    problems = []
    for number, line in enumerate(source.splitlines(), start=1):
        if len(line) > 79:
            problems.append((number, "E501", f"line too long ({len(line)} > 79)"))
        if re.search(r"\w=\w", line.split("#")[0]) and "==" not in line:
            problems.append((number, "E225", "missing whitespace around operator"))
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import) and len(node.names) > 1:
            problems.append((node.lineno, "E401", "multiple imports on one line"))
        if isinstance(node, ast.FunctionDef) and not re.fullmatch(r"[a-z_][a-z0-9_]*", node.name):
            problems.append((node.lineno, "N802", f"function name {node.name!r} should be snake_case"))
        if isinstance(node, ast.arg) and not node.arg.islower():
            problems.append((node.lineno, "N803", f"argument {node.arg!r} should be lowercase"))
        if isinstance(node, ast.ClassDef) and not re.fullmatch(r"[A-Z][A-Za-z0-9]*", node.name):
            problems.append((node.lineno, "N801", f"class name {node.name!r} should be CapWords"))
    return sorted(problems)


rows = [("line", "code", "message")] + [(str(n), c, m) for n, c, m in check(SOURCE)]
widths = [max(len(row[i]) for row in rows) for i in range(3)]
for row in rows:
    print("  ".join(cell.ljust(width) for cell, width in zip(row, widths)))
print()
print(len(rows) - 1, "problems")
print()
