# Topic: isolating a unit from its dependencies with unittest.mock: patch where the name is
# looked up, set return values and side effects, and assert how the mock was called.
from unittest import mock


class PaymentGateway:
    def charge(self, card, cents):
        raise RuntimeError("would talk to the real payment service")


gateway = PaymentGateway()


def checkout(cart, card):
    total = sum(price for _, price in cart)
    try:
        receipt = gateway.charge(card, total)
    except TimeoutError:
        return "retry later"
    return f"paid {total / 100:.2f} (receipt {receipt['id']})"


cart = [("book", 1250), ("pen", 199)]

with mock.patch.object(gateway, "charge", return_value={"id": "r-17"}) as charge:
    print(checkout(cart, "4111"))
    charge.assert_called_once_with("4111", 1449)
    print("called with:", charge.call_args)

with mock.patch.object(gateway, "charge", side_effect=TimeoutError):
    print(checkout(cart, "4111"))

# autospec keeps the real signature: a wrong call fails in the test as it would in production.
with mock.patch.object(PaymentGateway, "charge", autospec=True) as charge:
    charge.return_value = {"id": "r-18"}
    try:
        gateway.charge("4111")
    except TypeError as exc:
        print("autospec caught:", exc)

print("after the with block the real method is back:", gateway.charge.__func__ is PaymentGateway.charge)
