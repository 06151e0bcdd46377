# Topic: PyTorch's define-by-run autograd (vs TensorFlow 1's static graph), shown with a tiny
# reverse-mode autodiff in plain Python: the graph is recorded while ordinary code runs.
class Value:
    def __init__(self, data, parents=(), grad_fns=()):
        self.data, self.grad = data, 0.0
        self._parents, self._grad_fns = parents, grad_fns

    def __add__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        return Value(self.data + other.data, (self, other), (lambda g: g, lambda g: g))

    def __mul__(self, other):
        other = other if isinstance(other, Value) else Value(other)
        return Value(self.data * other.data, (self, other),
                     (lambda g: g * other.data, lambda g: g * self.data))

    def backward(self):
        order, seen = [], set()

        def visit(node):
            if id(node) not in seen:
                seen.add(id(node))
                for parent in node._parents:
                    visit(parent)
                order.append(node)

        visit(self)
        self.grad = 1.0
        for node in reversed(order):
            for parent, fn in zip(node._parents, node._grad_fns):
                parent.grad += fn(node.grad)


def model(x, w, b, use_square):
    # Python control flow decides the graph at run time: that is "dynamic".
    out = x * w + b
    if use_square:
        out = out * out
    return out


w, b = Value(3.0), Value(1.0)
y = model(Value(2.0), w, b, use_square=False)
y.backward()
print("linear: y =", y.data, "dy/dw =", w.grad, "dy/db =", b.grad)

w, b = Value(3.0), Value(1.0)
y = model(Value(2.0), w, b, use_square=True)
y.backward()
print("squared: y =", y.data, "dy/dw =", w.grad, "dy/db =", b.grad)

# A training loop, as with torch.optim.SGD: learn w so that w * x fits y = 2x.
w = Value(0.0)
for step in range(50):
    loss = Value(0.0)
    for x, target in [(1.0, 2.0), (2.0, 4.0), (3.0, 6.0)]:
        diff = w * x + (-target)
        loss = loss + diff * diff
    w.grad = 0.0                      # optimizer.zero_grad()
    loss.backward()                   # loss.backward()
    w = Value(w.data - 0.02 * w.grad)  # optimizer.step()
print("learned w:", round(w.data, 3))
