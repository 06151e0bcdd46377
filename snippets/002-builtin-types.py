# Topic 2: Python's built-in data types -- numbers, text and bytes, sequences, mappings, sets,
# None -- what each is for, and which are mutable.
import unicodedata

values = [42, 3.5, 2 + 1j, True, "héllo", b"bytes", bytearray(b"ab"), [1, 2], (1, 2), {"k": 1}, {1, 2},
          frozenset({3}), None, range(3)]
for value in values:
    try:
        hash(value)
        kind = "hashable (immutable)"
    except TypeError:
        kind = "unhashable (mutable)"
    print(f"{type(value).__name__:<10} {value!r:<20} {kind}")

# Numbers: int has arbitrary precision, float is IEEE 754, bool is a subclass of int.
print(10 // 3, 10 % 3, 10 / 3, divmod(-7, 2))
print(0.1 + 0.2 == 0.3, round(0.1 + 0.2, 10) == 0.3, True + True)

# str holds Unicode code points; bytes holds raw bytes; encode/decode converts.
word = "naïve café"
encoded = word.encode("utf-8")
print(word, len(word), "characters,", len(encoded), "bytes in UTF-8")
print(encoded.decode("utf-8") == word, unicodedata.name("é"))
composed = "é"
decomposed = unicodedata.normalize("NFD", composed)
print(len(composed), len(decomposed), unicodedata.normalize("NFC", decomposed) == composed)
print("Grüße ✓ 日本語", "straße".upper())

# Conversions between the types.
print(list("abc"), tuple([1, 2]), dict([("a", 1)]), sorted(set([3, 1, 3])), int("0x1f", 16))
