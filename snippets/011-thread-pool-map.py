# Topic: concurrent.futures.ThreadPoolExecutor -- map keeps input order; submit + result
from concurrent.futures import ThreadPoolExecutor


def word_length(word):
    return word, len(word)


words = ["alpha", "be", "gamma", "delta", "epsilon"]

with ThreadPoolExecutor(max_workers=3) as pool:
    for word, n in pool.map(word_length, words):
        print(f"{word}: {n}")
    futures = [pool.submit(pow, 2, k) for k in range(8)]
    print([f.result() for f in futures])

print("pool shut down")
