# Topic 38: handling JSON -- json.dumps/loads for strings, dump/load for files; how Python
# types map to JSON; custom encoding for types JSON lacks (dates, Decimal) and decoding back.
import json
from datetime import date
from decimal import Decimal

config = {"name": "snipcheck", "version": [1, 2, 0], "debug": False, "ratio": 0.5,
          "owner": None, "tags": ("cli", "testing")}

text = json.dumps(config, sort_keys=True)
print(text)
print(json.dumps({"b": 1, "a": [1, 2]}, indent=2, sort_keys=True))

restored = json.loads(text)
print(restored["tags"], "tuples come back as lists:", restored == {**config, "tags": ["cli", "testing"]})
print(json.dumps({1: "int keys become strings"}), json.dumps("café"), json.dumps("café", ensure_ascii=False))

with open("config.json", "w", encoding="utf-8") as f:
    json.dump(config, f)
with open("config.json", encoding="utf-8") as f:
    print(json.load(f)["version"])


class Encoder(json.JSONEncoder):
    def default(self, obj):
        if isinstance(obj, date):
            return {"$date": obj.isoformat()}
        if isinstance(obj, Decimal):
            return str(obj)
        return super().default(obj)


def decode(obj):
    if "$date" in obj:
        return date.fromisoformat(obj["$date"])
    return obj


invoice = {"issued": date(2025, 3, 14), "amount": Decimal("19.99")}
encoded = json.dumps(invoice, cls=Encoder)
print(encoded)
print(json.loads(encoded, object_hook=decode))

try:
    json.dumps({"when": date(2025, 1, 1)})
except TypeError as exc:
    print("TypeError:", exc)
try:
    json.loads('{"a": 1,}')
except json.JSONDecodeError as exc:
    print("JSONDecodeError:", exc.msg, "at line", exc.lineno, "column", exc.colno)
print(json.loads("[1, 2.5, true, null]", parse_float=Decimal))
