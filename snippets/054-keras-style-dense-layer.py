# Topic: what TensorFlow/Keras does when it trains a model, shown with numpy (TensorFlow is not
# packaged by Debian): a Dense layer, a loss, gradients and an optimizer loop behind fit/predict.
import numpy as np


class Dense:
    """y = x @ W + b, the layer tf.keras.layers.Dense(units) builds."""

    def __init__(self, inputs, units, rng):
        self.W = rng.normal(0.0, 0.5, size=(inputs, units))
        self.b = np.zeros(units)

    def __call__(self, x):
        return x @ self.W + self.b


class Sequential:
    def __init__(self, layer, learning_rate):
        self.layer, self.lr, self.history = layer, learning_rate, []

    def fit(self, X, y, epochs):
        n = len(X)
        for _ in range(epochs):
            error = self.layer(X) - y                # forward pass
            self.history.append(float(np.mean(error ** 2)))   # mse loss
            # Gradients of the mse with respect to W and b (what tf.GradientTape computes).
            self.layer.W -= self.lr * (2 / n) * X.T @ error
            self.layer.b -= self.lr * (2 / n) * error.sum(axis=0)
        return self

    def predict(self, X):
        return self.layer(X)


rng = np.random.default_rng(42)
X = np.array([[1.0], [2.0], [3.0], [4.0]])
y = 2 * X                                   # the rule the model must learn: y = 2x
model = Sequential(Dense(1, 1, rng), learning_rate=0.05).fit(X, y, epochs=500)

print("loss first epoch > last epoch:", model.history[0] > model.history[-1])
print("final loss < 1e-4:", model.history[-1] < 1e-4)
print("weight:", round(float(model.layer.W[0, 0]), 2), "bias:", round(float(model.layer.b[0]), 2))
print("predict(5):", np.round(model.predict(np.array([[5.0]])), 1).tolist())
