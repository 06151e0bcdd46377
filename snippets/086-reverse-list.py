# Topic: reversing a list three ways and what each one costs: slicing copies, reverse() works
# in place and returns None, reversed() gives a lazy iterator.
numbers = [1, 2, 3, 4, 5]

copy = numbers[::-1]
print("slice:", copy, "original untouched:", numbers)

result = numbers.reverse()
print("reverse():", numbers, "returns", result)

iterator = reversed(numbers)
print("reversed():", type(iterator).__name__, list(iterator), "exhausted after one pass:", list(iterator))

print("works on any sequence:", "".join(reversed("stressed")), tuple(reversed(range(3))))


def reverse_in_place(items):
    """Two-pointer swap, O(n) time and O(1) extra space: what an interviewer asks for."""
    left, right = 0, len(items) - 1
    while left < right:
        items[left], items[right] = items[right], items[left]
        left, right = left + 1, right - 1
    return items


for case in ([], [7], [1, 2], [1, 2, 3, 4, 5]):
    assert reverse_in_place(list(case)) == case[::-1]
print("two-pointer version agrees on empty, single, even and odd lengths")
