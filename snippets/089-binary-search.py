# Topic: binary search in O(log n): an iterative version with its invariant, the bisect module,
# and the edge cases (empty list, absent target, duplicates, ends).
import bisect


def binary_search(items, target):
    """Index of target in sorted items, or -1. Invariant: target can only be in items[lo:hi]."""
    lo, hi = 0, len(items)
    steps = 0
    while lo < hi:
        steps += 1
        mid = (lo + hi) // 2
        if items[mid] < target:
            lo = mid + 1
        elif items[mid] > target:
            hi = mid
        else:
            return mid, steps
    return -1, steps


data = list(range(0, 2000, 2))          # 1000 sorted even numbers
print("find 1234:", binary_search(data, 1234))
print("find 1235 (absent):", binary_search(data, 1235))
print("at most ~log2(1000) = 10 steps:", max(binary_search(data, t)[1] for t in range(-1, 2001)))
print("empty list:", binary_search([], 5), "| ends:", binary_search(data, 0)[0], binary_search(data, 1998)[0])

scores = [10, 20, 20, 20, 30]
print("bisect_left / bisect_right of 20:", bisect.bisect_left(scores, 20), bisect.bisect_right(scores, 20))
print("count of 20 without scanning:", bisect.bisect_right(scores, 20) - bisect.bisect_left(scores, 20))
bisect.insort(scores, 25)
print("insort keeps order:", scores)
grades = "FDCBA"
print("grade lookup:", [grades[bisect.bisect([60, 70, 80, 90], s)] for s in (55, 60, 85, 99)])
