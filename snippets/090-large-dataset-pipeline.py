# Topic: handling data larger than memory: generator pipelines that read a file line by line,
# filter and transform lazily, and process it in fixed-size batches.
import itertools
import json

with open("events.jsonl", "w") as out:
    for i in range(20_000):
        out.write(json.dumps({"user": f"u{i % 250}", "ms": (i * 37) % 1000, "ok": i % 13 != 0}) + "\n")


def read_events(path):
    with open(path) as f:                  # one line in memory at a time
        for line in f:
            yield json.loads(line)


def failures(events):
    return (e for e in events if not e["ok"])


def batches(iterable, size):
    iterator = iter(iterable)
    while batch := list(itertools.islice(iterator, size)):
        yield batch


pipeline = failures(read_events("events.jsonl"))
print("pipeline is lazy, nothing read yet:", type(pipeline).__name__)
sizes, slowest = [], 0
for batch in batches(pipeline, 500):
    sizes.append(len(batch))
    slowest = max(slowest, max(e["ms"] for e in batch))
print("batches:", len(sizes), "sizes:", sizes[:3], "...", sizes[-1])
print("failures:", sum(sizes), "slowest failure:", slowest, "ms")
print("first 3 slow users:", [e["user"] for e in itertools.islice(
    (e for e in read_events("events.jsonl") if e["ms"] > 990), 3)])
