# Topic: non-ASCII text -- printing Unicode, str length vs UTF-8 byte length, normalization
import unicodedata

print("café ✓")
word = "naïve"
print(word, len(word), len(word.encode("utf-8")))
print("Grüße aus Köln — ½ €")
print("日本語", "😀")
print(unicodedata.name("✓"), hex(ord("é")))
composed = "é"
decomposed = unicodedata.normalize("NFD", composed)
print(len(composed), len(decomposed), composed == unicodedata.normalize("NFC", decomposed))
print("straße".upper(), "ΣΊΣΥΦΟΣ".lower())
print("café".encode("utf-8"))
