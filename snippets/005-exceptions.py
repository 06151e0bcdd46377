# Topic: catching exceptions with try/except/else/finally, and a custom exception
class InsufficientFunds(Exception):
    pass


def withdraw(balance, amount):
    if amount > balance:
        raise InsufficientFunds(f"need {amount - balance} more")
    return balance - amount


for amount in (30, 150):
    try:
        left = withdraw(100, amount)
    except InsufficientFunds as exc:
        print(f"withdraw {amount}: failed ({exc})")
    else:
        print(f"withdraw {amount}: ok, {left} left")
    finally:
        print("  transaction closed")

try:
    int("forty-two")
except (ValueError, TypeError) as exc:
    print(type(exc).__name__ + ":", exc)

try:
    {}["missing"]
except LookupError as exc:
    print("caught", type(exc).__name__, exc)
