# Topic: json round-trip -- dumps/loads in memory and dump/load through a file
import json

config = {
    "name": "snipcheck",
    "version": [1, 2, 0],
    "debug": False,
    "ratio": 0.5,
    "owner": None,
    "tags": ["cli", "testing"],
}

text = json.dumps(config, sort_keys=True)
print(text)
print(json.dumps({"b": 1, "a": [1, 2]}, indent=2, sort_keys=True))

restored = json.loads(text)
print(restored == config, type(restored["version"]).__name__)

with open("config.json", "w", encoding="utf-8") as f:
    json.dump(config, f)
with open("config.json", encoding="utf-8") as f:
    loaded = json.load(f)
print(loaded["tags"], loaded["debug"], loaded["owner"])
print(json.loads('{"t": [1, 2]}')["t"], json.dumps((1, 2)))
