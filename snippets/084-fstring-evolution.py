# Topic: f-strings and how they grew: expressions and format specs (3.6), the = specifier for
# debugging (3.8), nested replacement fields, conversions, and the 3.12 parser (PEP 701) that
# lets the same quotes, backslashes and comments appear inside the braces.
import datetime

name, balance, ratio = "Ada", 1234567.891, 0.4567
when = datetime.date(2025, 3, 14)

print(f"{name.upper()} has {balance:,.2f} ({ratio:.1%})")
print(f"{name!r:>8}|{name:^9}|{name:*<6}|")
print(f"{255:#x} {255:08b} {42:+d} {3.14159:e}")
print(f"{when:%A %d %B %Y}")
width, precision = 12, 3
print(f"[{balance:{width}.{precision}f}]")          # nested fields: the spec is computed
print(f"{balance=:.1f} {len(name)=} {ratio * 2 = }")   # 3.8's self-documenting expressions
items = {"a": 1}
print(f"{items['a']} {'yes' if items else 'no'} {[n * 2 for n in range(3)]}")
print(f"{{literal braces}} {name}")

# 3.12 only (PEP 701): the same quote inside, a comment, a backslash.
for code in ["f'{items['a']}'", "f'''{1 + 1  # a comment\n}'''", "f'{\"\\n\".join([])}'"]:
    try:
        compile(code, "<f-string>", "eval")
        print(f"{code!r} -> compiles")
    except SyntaxError as exc:
        print(f"{code!r} -> SyntaxError on 3.11: {exc.msg}")
