# Topic: structural pattern matching (match/case, Python 3.10+): literal, sequence, mapping and
# class patterns, captures, alternatives, guards and the wildcard.
from dataclasses import dataclass


@dataclass
class Point:
    x: int
    y: int


def describe(command):
    match command:
        case "quit" | "exit":
            return "bye"
        case ["go", ("north" | "south" | "east" | "west") as direction]:
            return f"moving {direction}"
        case ["go", other]:
            return f"cannot go {other!r}"
        case ["take", first, *rest]:
            return f"taking {first} and {len(rest)} more"
        case {"action": "say", "text": str(text)}:
            return f"saying {text!r}"
        case Point(x=0, y=0):
            return "the origin"
        case Point(x=x, y=y) if x == y:
            return f"on the diagonal at {x}"
        case Point():
            return f"a point {command}"
        case int(n) | float(n) if n < 0:
            return "a negative number"
        case _:
            return "unknown"


for command in ["exit", "go north", "go up", "take key lamp rope", {"action": "say", "text": "hi"},
                Point(0, 0), Point(3, 3), Point(1, 2), -4.5, 7]:
    words = command.split() if isinstance(command, str) and " " in command else command
    print(f"{command!r:28} -> {describe(words)}")
