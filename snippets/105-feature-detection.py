# Topic: keeping up with Python: know which release you run and what each release added, and
# write code that checks for a feature rather than assuming it (feature detection).
import builtins
import importlib.util
import itertools
import math
import pathlib
import sys
import typing

print("Python", ".".join(map(str, sys.version_info[:2])), "| implementation:", sys.implementation.name)

FEATURES = [
    ("3.8", "walrus operator", lambda: compile("(x := 1)", "<f>", "eval") is not None),
    ("3.9", "dict union |", lambda: ({"a": 1} | {"b": 2}) == {"a": 1, "b": 2}),
    ("3.10", "match statement", lambda: compile("match 1:\n case 1: pass", "<f>", "exec") is not None),
    ("3.11", "tomllib in the standard library", lambda: importlib.util.find_spec("tomllib") is not None),
    ("3.11", "ExceptionGroup", lambda: hasattr(builtins, "ExceptionGroup")),
    ("3.11", "typing.Self", lambda: hasattr(typing, "Self")),
    ("3.12", "itertools.batched", lambda: hasattr(itertools, "batched")),
    ("3.12", "pathlib.Path.walk", lambda: hasattr(pathlib.Path, "walk")),
    ("3.12", "typing.override", lambda: hasattr(typing, "override")),
    ("3.13", "math.fma", lambda: hasattr(math, "fma")),
]


def available(check):
    try:
        return bool(check())
    except SyntaxError:
        return False


running = sys.version_info[:2]
for release, name, check in FEATURES:
    have = available(check)
    expected = tuple(map(int, release.split("."))) <= running
    note = "" if have == expected else "  (unexpected)"
    print(f"{release:5} {name:32} {'yes' if have else 'no'}{note}")
