# Topic: multiprocessing.Pool -- map a function over inputs in worker processes; the guard
# keeps child processes (spawn or forkserver) from running the pool again on import
from multiprocessing import Pool


def collatz_steps(n):
    steps = 0
    while n != 1:
        n = n // 2 if n % 2 == 0 else 3 * n + 1
        steps += 1
    return steps


if __name__ == "__main__":
    with Pool(processes=2) as pool:
        steps = pool.map(collatz_steps, [6, 7, 27, 97])
    print("steps:", steps)
    print("longest:", max(zip(steps, [6, 7, 27, 97]))[1])
