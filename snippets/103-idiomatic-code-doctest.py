# Topic: showing Python expertise: the same task written naively and idiomatically, documented
# and tested in its docstring (doctest), so the explanation is checked code.
import doctest
from collections import Counter


def top_words_naive(text, n):
    counts = {}
    for word in text.lower().split():
        word = word.strip(".,!?")
        if word in counts:
            counts[word] = counts[word] + 1
        else:
            counts[word] = 1
    pairs = []
    for word in counts:
        pairs.append((counts[word], word))
    pairs.sort(reverse=True)
    result = []
    for i in range(min(n, len(pairs))):
        result.append(pairs[i][1])
    return result


def top_words(text: str, n: int) -> list[str]:
    """Return the n most common words, most common first, ties in order of first appearance.

    >>> top_words("the cat and the hat. The end!", 2)
    ['the', 'cat']
    >>> top_words("", 3)
    []
    >>> top_words("Go go GO", 5)
    ['go']
    """
    words = (w.strip(".,!?") for w in text.lower().split())
    return [word for word, _ in Counter(words).most_common(n)]


text = "the cat and the hat. The end!"
print("naive:    ", top_words_naive(text, 2), "(ties broken by reverse alphabet: surprising)")
print("idiomatic:", top_words(text, 2))
results = doctest.testmod(verbose=False)
print(f"doctests: {results.attempted} run, {results.failed} failed")
