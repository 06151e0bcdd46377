# Topic 1: why Python is so widely used -- readable code, a large standard library ("batteries
# included") and dynamic, duck-typed objects. A small task done in a few clear lines.
import json
import statistics
from collections import Counter

log = """\
GET /home 200 12
GET /about 200 8
POST /login 401 30
GET /home 200 10
POST /login 200 25
GET /missing 404 3
"""

requests = []
for line in log.splitlines():
    method, path, status, millis = line.split()
    requests.append({"method": method, "path": path, "status": int(status), "ms": int(millis)})

# The standard library answers the usual questions without any third-party package.
by_path = Counter(r["path"] for r in requests)
print("most requested:", by_path.most_common(2))
print("median latency:", statistics.median(r["ms"] for r in requests), "ms")
errors = [r for r in requests if r["status"] >= 400]
print("errors:", json.dumps(errors, sort_keys=True))


# Duck typing: anything with a len() and iteration works, whatever its class.
def describe(collection):
    return f"{type(collection).__name__} of {len(collection)}: {sorted(collection)}"


for thing in ([3, 1, 2], (9, 8), "cab", {"b": 1, "a": 2}):
    print(describe(thing))

# Integers never overflow, which makes quick calculations safe.
print("2 ** 100 =", 2 ** 100)
