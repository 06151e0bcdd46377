# Topic: threading.Thread -- start workers, join them all, then print collected results
import threading

results = []
lock = threading.Lock()


def worker(n):
    value = sum(range(n * 1000))
    with lock:
        results.append((n, value))


threads = [threading.Thread(target=worker, args=(n,)) for n in range(1, 6)]
for t in threads:
    t.start()
for t in threads:
    t.join()

for n, value in sorted(results):
    print(f"worker {n}: {value}")
print("all alive?", any(t.is_alive() for t in threads))
print("results:", len(results))
