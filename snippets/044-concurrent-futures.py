# Topic 44: concurrent.futures -- one interface over a pool of threads or of processes:
# submit() returns a Future, map() keeps input order, as_completed() yields in finishing
# order; a worker's exception is raised again by result().
import math
import time
from concurrent.futures import ThreadPoolExecutor, ProcessPoolExecutor, as_completed, wait


def word_length(word):
    return word, len(word)


def slow_square(n):
    time.sleep(0.05 * (2 - n))  # the first submitted finishes last
    return n * n


def risky(n):
    if n == 2:
        raise ValueError(f"bad input {n}")
    return n


def is_prime(n):
    return n > 1 and all(n % d for d in range(2, math.isqrt(n) + 1))


if __name__ == "__main__":
    with ThreadPoolExecutor(max_workers=3) as pool:
        print("map keeps order:", list(pool.map(word_length, ["alpha", "be", "gamma"])))
        futures = {pool.submit(slow_square, n): n for n in range(3)}
        print("as_completed:", [futures[f] for f in as_completed(futures)])
        print("results:", sorted(f.result() for f in futures))

        for future in [pool.submit(risky, n) for n in range(4)]:
            try:
                print("ok", future.result())
            except ValueError as exc:
                print("failed:", exc, "| future.exception():", repr(future.exception()))

        done, pending = wait([pool.submit(pow, 2, k) for k in range(5)])
        print(sorted(f.result() for f in done), len(pending), "pending")

        f = pool.submit(sum, [1, 2, 3])
        f.add_done_callback(lambda fut: print("callback got", fut.result()))
        f.result()

    # The same interface with processes for CPU-bound work.
    candidates = [10**6 + k for k in range(40)]
    with ProcessPoolExecutor(max_workers=2) as pool:
        primes = [n for n, prime in zip(candidates, pool.map(is_prime, candidates, chunksize=10)) if prime]
    print("primes just above a million:", primes)
