# Topic: solving an interview problem step by step (clarify, plan, code, test, optimise), on
# "two sum": indices of two numbers that add up to a target.

# 1. Clarify: exactly one answer? Negative numbers? Same element twice? -> no; return None if
#    there is no pair; indices in increasing order.
# 2. Plan: brute force is O(n^2); a dict from value to index makes it one pass, O(n).


def two_sum_brute(nums, target):
    for i in range(len(nums)):
        for j in range(i + 1, len(nums)):
            if nums[i] + nums[j] == target:
                return (i, j)
    return None


def two_sum(nums, target):
    seen = {}                                   # value -> index
    for j, value in enumerate(nums):
        i = seen.get(target - value)
        if i is not None:
            return (i, j)
        seen[value] = j
    return None


# 4. Test: the normal case, edge cases, and agreement with the brute force.
cases = [([2, 7, 11, 15], 9), ([3, 3], 6), ([-1, 4, 5], 3), ([], 1), ([5], 10), ([1, 2], 7)]
for nums, target in cases:
    fast, slow = two_sum(nums, target), two_sum_brute(nums, target)
    assert fast == slow, (nums, target, fast, slow)
    print(f"two_sum({nums}, {target}) = {fast}")

# 5. Optimise / discuss: count the work each version does on a worst case (no pair).
worst = list(range(0, 2000, 2))
comparisons = sum(1 for i in range(len(worst)) for j in range(i + 1, len(worst)))
print("brute force:", comparisons, "pair checks; one pass:", len(worst), "dict lookups")
print("answer when there is none:", two_sum(worst, 1))

# 6. As a judge system runs it: the numbers on the first line of stdin, the target on the second,
#    the answer on stdout (with no input, as here, there is nothing to answer).
import sys

given = sys.stdin.read().split("\n")
if given[0].strip():
    print("judge:", two_sum([int(word) for word in given[0].split()], int(given[1])))
