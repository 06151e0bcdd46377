# Topic 42: multiprocessing vs threading -- processes each have their own interpreter, memory
# and GIL, so CPU-bound work runs truly in parallel; data moves between them by pickling
# (Queue, Pipe, Pool) or through explicitly shared memory (Value, Array).
import multiprocessing as mp

counter = 0


def collatz_steps(n):
    steps = 0
    while n != 1:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        steps += 1
    return steps


def bump_global():
    global counter
    counter += 100  # changes the child's copy only


def add_to_shared(total, lock, amount):
    with lock:
        total.value += amount


def producer(queue):
    for word in ("alpha", "beta", "gamma"):
        queue.put(word.upper())
    queue.put(None)


if __name__ == "__main__":  # needed with the spawn start method (Windows, macOS)
    numbers = [6, 7, 27, 97]
    with mp.Pool(processes=2) as pool:
        steps = pool.map(collatz_steps, numbers)
    print("steps:", dict(zip(numbers, steps)))

    child = mp.Process(target=bump_global)
    child.start()
    child.join()
    print("global in the parent after the child changed it:", counter, "| child exit code:", child.exitcode)

    total, lock = mp.Value("i", 0), mp.Lock()
    workers = [mp.Process(target=add_to_shared, args=(total, lock, n)) for n in (1, 2, 3, 4)]
    for w in workers:
        w.start()
    for w in workers:
        w.join()
    print("shared Value:", total.value)

    queue = mp.Queue()
    p = mp.Process(target=producer, args=(queue,))
    p.start()
    received = []
    while (item := queue.get()) is not None:
        received.append(item)
    p.join()
    print("through a Queue:", received)
