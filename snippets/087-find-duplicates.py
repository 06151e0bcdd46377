# Topic: finding duplicates in a list: Counter for counts, a seen-set for one pass in order of
# first repetition, and deduplicating while keeping the original order.
from collections import Counter

emails = ["ann@x.io", "bob@x.io", "ann@x.io", "cy@x.io", "bob@x.io", "ann@x.io", "dee@x.io"]

counts = Counter(emails)
print("counts of the repeated:", {e: n for e, n in counts.items() if n > 1})


def duplicates(items):
    seen, repeated = set(), []
    for item in items:
        if item in seen and item not in repeated:
            repeated.append(item)
        seen.add(item)
    return repeated


print("in order of first repetition:", duplicates(emails))
print("has duplicates:", len(set(emails)) != len(emails))
print("unique, order kept:", list(dict.fromkeys(emails)))
print("case-insensitive:", duplicates([e.lower() for e in ["A@x.io", "a@X.io", "b@x.io"]]))
rows = [{"id": 1}, {"id": 2}, {"id": 1}]          # unhashable items: compare by a key
print("duplicate ids:", [k for k, n in Counter(r["id"] for r in rows).items() if n > 1])

# The same on input, one item a line (as a judge gives it): the repeated ones, case-blind.
import sys

lines = [line.strip().lower() for line in sys.stdin if line.strip()]
if lines:
    print("repeated in the input:", duplicates(lines) or "none")
