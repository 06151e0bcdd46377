# Topic: unittest: TestCase classes, setUp, assert methods, assertRaises, subTest and skips,
# run programmatically and summarised from the TestResult.
import unittest


class Stack:
    def __init__(self):
        self._items = []

    def push(self, item):
        self._items.append(item)

    def pop(self):
        if not self._items:
            raise IndexError("pop from empty stack")
        return self._items.pop()

    def __len__(self):
        return len(self._items)


class StackTest(unittest.TestCase):
    def setUp(self):            # runs before every test: each one gets a fresh stack
        self.stack = Stack()

    def test_push_then_pop(self):
        self.stack.push(1)
        self.stack.push(2)
        self.assertEqual(self.stack.pop(), 2)
        self.assertEqual(len(self.stack), 1)

    def test_pop_empty_raises(self):
        with self.assertRaises(IndexError):
            self.stack.pop()

    def test_many_sizes(self):
        for n in (0, 1, 5):
            with self.subTest(n=n):
                for i in range(n):
                    self.stack.push(i)
                self.assertEqual(len(self.stack), n)
                self.stack = Stack()

    def test_deliberately_wrong(self):
        self.stack.push("a")
        self.assertEqual(self.stack.pop(), "b")

    @unittest.skip("not implemented yet")
    def test_peek(self):
        pass


suite = unittest.defaultTestLoader.loadTestsFromTestCase(StackTest)
result = unittest.TestResult()
suite.run(result)
print("ran:", result.testsRun)
print("failures:", [test.id().split(".")[-1] for test, _ in result.failures])
traceback_lines = result.failures[0][1].splitlines()
print("why:", next(line for line in traceback_lines if line.startswith("AssertionError")))
print("skipped:", [(test.id().split(".")[-1], why) for test, why in result.skipped])
print("successful:", result.wasSuccessful())
