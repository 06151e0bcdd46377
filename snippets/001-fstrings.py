# Topic: plain print() and f-strings -- format specs, alignment, expressions, sep/end
name = "Ada"
year = 1815
pi = 3.14159265

print("Hello, world!")
print("a", "b", "c", sep="-")
print("no newline here", end="|\n")
print(f"{name} was born in {year}.")
print(f"pi to 2 places: {pi:.2f}")
print(f"padded: [{name:>6}] [{name:<6}] [{name:^7}]")
print(f"thousands: {1234567:,}  hex: {255:#x}  binary: {5:08b}")
print(f"percent: {0.875:.1%}")
print(f"expression: {year + 200 = }")
print(f"repr vs str: {name!r} {name!s}")
width = 10
print(f"nested spec: [{pi:{width}.3f}]")
