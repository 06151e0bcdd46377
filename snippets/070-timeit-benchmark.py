# Topic: benchmarking with timeit: number and repeat, taking the minimum, comparing two ways of
# doing one thing. Real timings vary, so the checked lines are a fake clock's and a comparison
# with a 100-fold margin.
import itertools
import timeit

ticks = itertools.count(0, 0.5)                # a fake clock: every reading is 0.5 s later
timer = timeit.Timer("x = 1", timer=lambda: next(ticks))
print("one timing of number=1000:", timer.timeit(number=1000), "s (total, not per loop)")
print("repeat=3 gives three totals:", timer.repeat(repeat=3, number=10))

setup = "data_list = list(range(10_000)); data_set = set(data_list)"
in_list = min(timeit.repeat("9_999 in data_list", setup=setup, number=200, repeat=5))
in_set = min(timeit.repeat("9_999 in data_set", setup=setup, number=200, repeat=5))
print("membership in a set is over 100x faster than in a list:", in_set * 100 < in_list)

# timeit returns the total for all loops: divide by number for the time of one run.
per_loop = timer.timeit(number=1000) / 1000
print("per loop with the fake clock:", per_loop, "s")
