# Topic: the core skills interviews test, in one small program: data structures, OOP with
# dataclasses, error handling, generators, comprehensions, type hints and a context manager.
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field


@dataclass(order=True)
class Task:
    priority: int
    title: str = field(compare=False)
    tags: set[str] = field(default_factory=set, compare=False)


class Board:
    def __init__(self) -> None:
        self.tasks: list[Task] = []

    def add(self, title: str, priority: int, *tags: str) -> None:
        if not 1 <= priority <= 5:
            raise ValueError(f"priority must be 1-5, got {priority}")
        self.tasks.append(Task(priority, title, set(tags)))

    def by_tag(self) -> dict[str, list[str]]:
        index = defaultdict(list)
        for task in sorted(self.tasks):
            for tag in sorted(task.tags):
                index[tag].append(task.title)
        return dict(index)

    def urgent(self):
        yield from (t.title for t in sorted(self.tasks) if t.priority <= 2)


@contextmanager
def report(title):
    print(f"--- {title}")
    yield
    print(f"--- end of {title}")


board = Board()
board.add("fix login bug", 1, "backend", "bug")
board.add("write docs", 4, "docs")
board.add("add caching", 2, "backend", "perf")
try:
    board.add("someday", 9)
except ValueError as exc:
    print("rejected:", exc)

with report("board"):
    print("urgent:", list(board.urgent()))
    print("by tag:", board.by_tag())
    print("titles by length:", {t.title: len(t.title) for t in board.tasks if len(t.title) > 10})
