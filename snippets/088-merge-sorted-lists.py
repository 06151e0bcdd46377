# Topic: merging two sorted lists in O(n + m): the two-pointer merge, heapq.merge for any number
# of sorted iterables (lazily), and why sorted(a + b) is O((n + m) log(n + m)).
import heapq


def merge(a, b):
    i = j = 0
    out = []
    while i < len(a) and j < len(b):
        if a[i] <= b[j]:          # <= keeps equal items from a first: a stable merge
            out.append(a[i])
            i += 1
        else:
            out.append(b[j])
            j += 1
    out.extend(a[i:])
    out.extend(b[j:])
    return out


print(merge([1, 4, 9], [2, 3, 10, 11]))
for a, b in [([], []), ([], [1]), ([5], []), ([1, 1, 2], [1, 3])]:
    assert merge(a, b) == sorted(a + b), (a, b)
print("edge cases agree with sorted(a + b)")

lazy = heapq.merge([1, 5, 9], [2, 6], [0, 7, 8])
print("heapq.merge is lazy:", type(lazy).__name__, list(lazy))
logs_a = [("09:00", "a start"), ("09:05", "a stop")]
logs_b = [("09:01", "b start"), ("09:07", "b stop")]
print("by key:", [m for _, m in heapq.merge(logs_a, logs_b, key=lambda entry: entry[0])])
print("descending:", list(heapq.merge([9, 4, 1], [8, 2], reverse=True)))
