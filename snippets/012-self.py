# Topic 12: the role of self -- the instance a method was called on, passed explicitly as the
# first parameter: obj.method(x) is Class.method(obj, x). A default repr shows the object's
# memory address, which changes every run: compare = "ellipsis" matches it with "...".
class Account:
    bank = "Example Bank"

    def __init__(self, owner, balance=0):
        self.owner = owner  # stored on this instance, through self
        self.balance = balance

    def deposit(self, amount):
        self.balance += amount
        return self  # returning self allows chaining

    def whoami(self):
        return self


alice = Account("alice")
bob = Account("bob", 50)
alice.deposit(10).deposit(5)
Account.deposit(bob, 25)  # the same call, with self given by hand
print(alice.owner, alice.balance, bob.owner, bob.balance)
print("self is the instance:", alice.whoami() is alice)
print(alice)
print(alice.deposit)
print(Account.deposit)

# Attributes not found on self are looked up on the class.
print(alice.bank, "bank" in vars(alice), "owner" in vars(alice))
alice.bank = "Other Bank"  # assignment through self creates an instance attribute
print(alice.bank, bob.bank)


class Counter:
    count = 0

    def broken_increment(self):
        count = 1  # a local variable: without self. nothing is stored
        return count

    def increment(self):
        self.count += 1


c = Counter()
c.broken_increment()
print("without self:", c.count)
c.increment()
c.increment()
print("with self:", c.count, "class still:", Counter.count)
