# Topic 31: exception handling and its best practices -- catch specific exceptions, keep the
# try block small, use else/finally, define a hierarchy for your own errors, and chain
# exceptions (raise ... from ...) so the cause is not lost.
class PaymentError(Exception):
    """Base class: callers can catch every error of this module at once."""


class InsufficientFunds(PaymentError):
    def __init__(self, needed):
        super().__init__(f"need {needed} more")
        self.needed = needed


class CardDeclined(PaymentError):
    pass


def withdraw(balance, amount):
    if amount > balance:
        raise InsufficientFunds(amount - balance)
    return balance - amount


for amount in (30, 150):
    try:
        left = withdraw(100, amount)
    except InsufficientFunds as exc:
        print(f"withdraw {amount}: failed ({exc}, needed={exc.needed})")
    else:
        print(f"withdraw {amount}: ok, {left} left")
    finally:
        print("  transaction closed")


def parse_port(text):
    try:
        port = int(text)
    except ValueError as exc:
        raise PaymentError(f"bad port {text!r}") from exc  # keeps the original as __cause__
    return port


try:
    parse_port("eighty")
except PaymentError as exc:
    print(type(exc).__name__, exc, "| caused by:", type(exc.__cause__).__name__, exc.__cause__)

try:
    raise CardDeclined("card expired")
except PaymentError as exc:  # a base class catches its subclasses
    exc.add_note("hint: ask for another card")  # Python 3.11
    print(type(exc).__name__, exc, exc.__notes__)

try:
    {}["missing"]
except (KeyError, IndexError) as exc:
    print("one handler for two types:", type(exc).__name__, exc)

# Python 3.11: several errors at once, handled by type with except*.
try:
    raise ExceptionGroup("batch failed", [ValueError("row 3"), TypeError("row 7"), ValueError("row 9")])
except* ValueError as group:
    print("value errors:", [str(e) for e in group.exceptions])
except* TypeError as group:
    print("type errors:", [str(e) for e in group.exceptions])
