# Topic: containerising a Python app with Docker: what a good Dockerfile does (pinned slim base,
# requirements copied before the code for layer caching, no pip cache, a non-root user, an
# exec-form CMD), checked by a small linter over the Dockerfile's text.
import json
import shlex

NAIVE = """\
FROM python
COPY . /app
RUN pip install -r /app/requirements.txt
CMD python /app/app.py
"""

GOOD = """\
FROM python:3.11-slim
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
RUN useradd --create-home app
USER app
EXPOSE 8000
CMD ["gunicorn", "--bind", "0.0.0.0:8000", "app:app"]
"""


def instructions(text):
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip() and not line.lstrip().startswith("#"):
            keyword, _, rest = line.strip().partition(" ")
            yield number, keyword.upper(), rest


def lint(text):
    problems, seen = [], []
    for number, keyword, rest in instructions(text):
        if keyword == "FROM" and (":" not in rest or rest.endswith(":latest")):
            problems.append(f"line {number}: pin the base image tag ({rest})")
        if keyword == "COPY" and rest.split()[0] == "." and "RUN" not in seen:
            problems.append(f"line {number}: copy requirements and install before the code (layer cache)")
        if keyword == "RUN" and "pip install" in rest and "--no-cache-dir" not in rest:
            problems.append(f"line {number}: pip install --no-cache-dir keeps the image small")
        if keyword == "CMD" and not rest.startswith("["):
            problems.append(f"line {number}: exec-form CMD gets signals: {json.dumps(shlex.split(rest))}")
        seen.append(keyword)
    if "USER" not in seen:
        problems.append("no USER: the app runs as root")
    return problems


for name, text in [("naive", NAIVE), ("good", GOOD)]:
    found = lint(text)
    print(f"{name}: {len(found)} problem(s)")
    for problem in found:
        print("  ", problem)
