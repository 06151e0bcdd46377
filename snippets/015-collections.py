# Topic: collections -- Counter, defaultdict, deque, namedtuple, OrderedDict
from collections import Counter, defaultdict, deque, namedtuple, OrderedDict

text = "the quick brown fox jumps over the lazy dog the end"
counts = Counter(text.split())
print(counts.most_common(2))
print(Counter("mississippi"))

by_length = defaultdict(list)
for word in text.split():
    by_length[len(word)].append(word)
print(dict(sorted(by_length.items())))

window = deque(maxlen=3)
for n in range(1, 6):
    window.append(n)
    print(list(window))
window.appendleft(0)
window.rotate(1)
print(window)

Pair = namedtuple("Pair", "key value")
print(Pair("a", 1), Pair("a", 1)._asdict())

od = OrderedDict.fromkeys("abc")
od.move_to_end("a")
print(list(od))
