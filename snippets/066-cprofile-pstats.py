# Topic: profiling with cProfile and pstats: find which function the time goes to and how often
# each is called (call counts are exact; times vary, so this prints counts and the ranking).
import cProfile
import pstats


def is_prime(n):
    if n < 2:
        return False
    return all(n % d for d in range(2, int(n ** 0.5) + 1))


def primes_slow(limit):
    return [n for n in range(limit) if is_prime(n)]


def primes_sieve(limit):
    sieve = bytearray([1]) * limit
    sieve[:2] = b"\0\0"
    for i in range(2, int(limit ** 0.5) + 1):
        if sieve[i]:
            sieve[i * i::i] = bytes(len(range(i * i, limit, i)))
    return [i for i, flag in enumerate(sieve) if flag]


profiler = cProfile.Profile()
profiler.enable()
slow = primes_slow(20000)
fast = primes_sieve(20000)
profiler.disable()

stats = pstats.Stats(profiler)
calls = {func[2]: (primitive, total) for func, (primitive, total, *_rest) in stats.stats.items()}
print("same primes:", slow == fast, len(fast))
print("is_prime called", calls["is_prime"][1], "times")
print("primes_sieve called", calls["primes_sieve"][1], "time")
own_time = {func[2]: tt for func, (_, _, tt, _, _) in stats.stats.items()}
slow_side = own_time["is_prime"] + own_time["<genexpr>"]
print("trial division costs more than the sieve:", slow_side > own_time["primes_sieve"])
