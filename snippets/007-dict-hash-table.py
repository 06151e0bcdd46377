# Topic 7: how a dictionary works -- a hash table: the key's hash picks a slot, so lookup,
# insert and delete are O(1) on average (O(n) when every key collides). A small one by hand,
# with separate chaining and resizing, next to the built-in dict.
class HashMap:
    def __init__(self, capacity=4):
        self._buckets = [[] for _ in range(capacity)]
        self._size = 0

    def _bucket(self, key):
        return self._buckets[hash(key) % len(self._buckets)]

    def __setitem__(self, key, value):
        bucket = self._bucket(key)
        for i, (k, _) in enumerate(bucket):
            if k == key:
                bucket[i] = (key, value)
                return
        bucket.append((key, value))
        self._size += 1
        if self._size > 0.75 * len(self._buckets):
            self._resize()

    def __getitem__(self, key):
        for k, v in self._bucket(key):
            if k == key:
                return v
        raise KeyError(key)

    def __delitem__(self, key):
        bucket = self._bucket(key)
        for i, (k, _) in enumerate(bucket):
            if k == key:
                del bucket[i]
                self._size -= 1
                return
        raise KeyError(key)

    def __len__(self):
        return self._size

    def _resize(self):
        items = [pair for bucket in self._buckets for pair in bucket]
        self._buckets = [[] for _ in range(2 * len(self._buckets))]
        for k, v in items:
            self._bucket(k).append((k, v))

    def capacity(self):
        return len(self._buckets)


m = HashMap()
for number in range(10):
    m[number] = number * number
m["name"] = "ada"
m[3] = "three"
del m[4]
print(len(m), "items in", m.capacity(), "buckets")
print(m[3], m[9], m["name"])
try:
    m[4]
except KeyError as exc:
    print("KeyError:", exc)


# Keys must be hashable, and equal keys must have equal hashes.
class Key:
    eq_calls = 0

    def __init__(self, n):
        self.n = n

    def __hash__(self):
        return 1  # every key collides: still correct, but each lookup compares keys one by one

    def __eq__(self, other):
        Key.eq_calls += 1
        return self.n == other.n


colliding = {Key(i): i for i in range(100)}
Key.eq_calls = 0
print("lookup with all keys colliding:", colliding[Key(99)], "after", Key.eq_calls, "comparisons")

d = {"b": 2, "a": 1}
d["c"] = 3
print("dicts keep insertion order:", list(d), d.get("z", "default"), d.setdefault("a", 0))
