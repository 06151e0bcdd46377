# Topic 5: the Global Interpreter Lock -- only one thread runs Python bytecode at a time, so
# threads help I/O-bound work (blocking calls release the GIL) but not CPU-bound work; for
# that, use processes (each has its own interpreter and its own GIL).
import sys
import threading
from concurrent.futures import ProcessPoolExecutor

print("the interpreter offers a switch to another thread every", sys.getswitchinterval(), "s")

# The GIL does not make compound operations atomic: `counter += 1` is several bytecodes.
counter = 0
lock = threading.Lock()


def add(times):
    global counter
    for _ in range(times):
        with lock:  # without the lock, updates can be lost between read and write
            counter += 1


threads = [threading.Thread(target=add, args=(10_000,)) for _ in range(4)]
for t in threads:
    t.start()
for t in threads:
    t.join()
print("counter with a lock:", counter)

# A thread blocked in I/O (here: waiting on an Event) holds no GIL; the others keep running.
ready = threading.Event()
seen = []
waiter = threading.Thread(target=lambda: seen.append(ready.wait(timeout=5)))
waiter.start()
work_done_meanwhile = sum(range(100_000))
ready.set()
waiter.join()
print("main thread computed", work_done_meanwhile, "while the other waited; it saw", seen)


def count_primes(limit):
    sieve = bytearray([1]) * limit
    sieve[0:2] = b"\x00\x00"
    for i in range(2, int(limit ** 0.5) + 1):
        if sieve[i]:
            sieve[i * i::i] = bytes(len(range(i * i, limit, i)))
    return sum(sieve)


# CPU-bound work in parallel: processes sidestep the GIL.
if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=2) as pool:
        print("primes below 10k, 20k, 30k:", list(pool.map(count_primes, [10_000, 20_000, 30_000])))
