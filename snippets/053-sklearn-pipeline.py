# Topic: scikit-learn's estimator API (fit / predict / score) in a Pipeline, with a held-out test set
from sklearn.datasets import load_iris
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import cross_val_score, train_test_split
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

X, y = load_iris(return_X_y=True)
print("samples, features:", X.shape)

# Hold out a test set; stratify keeps the class balance, random_state makes it repeatable.
X_train, X_test, y_train, y_test = train_test_split(
    X, y, test_size=0.3, stratify=y, random_state=0)

# Scaling inside the pipeline is fitted on the training data only (no leakage into the test set).
model = make_pipeline(StandardScaler(), LogisticRegression(max_iter=500))
model.fit(X_train, y_train)
print("steps:", [name for name, _ in model.steps])
print("test accuracy:", round(model.score(X_test, y_test), 3))

flower = [[5.0, 3.4, 1.5, 0.2]]
print("predicted class:", load_iris().target_names[model.predict(flower)[0]])

scores = cross_val_score(model, X, y, cv=5)
print("5-fold accuracy: mean %.3f" % scores.mean())
