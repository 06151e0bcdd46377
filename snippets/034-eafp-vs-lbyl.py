# Topic 34: try/except vs if/else for errors -- "easier to ask forgiveness than permission"
# (EAFP: just try it and handle the exception) vs "look before you leap" (LBYL: check first).
# Python favours EAFP: one lookup instead of two, and no race between the check and the use.
import os

config = {"host": "localhost", "port": "8080"}


def port_lbyl(cfg):
    if "port" in cfg and cfg["port"].isdigit():
        return int(cfg["port"])
    return None


def port_eafp(cfg):
    try:
        return int(cfg["port"])
    except (KeyError, ValueError):
        return None


for cfg in (config, {}, {"port": "eighty"}, {"port": " 42 "}):
    print(f"{cfg!s:<35} LBYL={port_lbyl(cfg)!s:<5} EAFP={port_eafp(cfg)}")
# " 42 ": the check missed a case int() accepts; EAFP asks the operation itself.

# Files: a check is out of date as soon as it is made (another process may delete the file).
path = "settings.ini"
if os.path.exists(path):
    print("LBYL would open it")
else:
    print("LBYL: missing, skipped")
try:
    with open(path) as f:
        print(f.read())
except FileNotFoundError as exc:
    print("EAFP:", exc.strerror)


# If/else stays right for expected, cheap conditions that are not errors.
def describe(n):
    if n < 0:
        return "negative"
    return "even" if n % 2 == 0 else "odd"


print([describe(n) for n in (-1, 2, 7)])


# Duck typing: try the behaviour instead of checking the type.
def total_length(items):
    try:
        return sum(len(item) for item in items)
    except TypeError as exc:
        return f"cannot measure: {exc}"


print(total_length(["ab", (1, 2, 3), {"k": 1}]), total_length([1, 2]))
