# Topic 8: sets -- unordered collections of unique hashable items: removing duplicates, fast
# membership tests, and the algebra of union, intersection and difference.
backend = {"python", "go", "sql", "docker"}
frontend = {"javascript", "css", "sql", "docker"}

print("union:", sorted(backend | frontend))
print("intersection:", sorted(backend & frontend))
print("only backend:", sorted(backend - frontend))
print("in exactly one:", sorted(backend ^ frontend))
print("subset:", {"go", "sql"} <= backend, "disjoint:", backend.isdisjoint({"rust"}))

visits = ["home", "about", "home", "blog", "about", "home"]
print("unique pages:", len(set(visits)), sorted(set(visits)))
print("first-seen order kept:", list(dict.fromkeys(visits)))

banned = set(range(0, 1_000_000, 7))
print("membership is O(1):", 700_000 in banned, 700_001 in banned)

tags = set()
tags.add("new")
tags.update(["sale", "new"])
tags.discard("missing")  # no error, unlike remove()
print(sorted(tags))
try:
    tags.remove("missing")
except KeyError as exc:
    print("remove of a missing item: KeyError", exc)

# frozenset is the immutable, hashable set: usable as a dict key or inside another set.
groups = {frozenset({"a", "b"}): "pair", frozenset({"c"}): "single"}
print(groups[frozenset({"b", "a"})])
print("squares mod 10:", sorted({n * n % 10 for n in range(20)}))
try:
    {[1, 2]}
except TypeError as exc:
    print(exc)
