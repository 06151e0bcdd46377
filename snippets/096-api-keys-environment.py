# Topic: keeping API keys out of code: read them from the environment, with a .env file for
# local development (python-dotenv) that real environment variables override; never print or
# log the key itself, and compare secrets in constant time.
import hmac
import os
from pathlib import Path

from dotenv import dotenv_values, load_dotenv

Path(".env").write_text("WEATHER_API_KEY=sk-local-1234567890abcdef\nDEBUG=true\n# comment\n")
Path(".gitignore").write_text(".env\n")

os.environ.pop("WEATHER_API_KEY", None)
os.environ["DEBUG"] = "false"              # set by the deployment: wins over .env
print("values in .env:", sorted(dotenv_values(".env")))
load_dotenv(".env")                        # does not override existing variables by default
print("DEBUG from the real environment:", os.environ["DEBUG"])


def get_api_key(name):
    key = os.environ.get(name)
    if not key:
        raise RuntimeError(f"{name} is not set (add it to .env or the environment)")
    return key


def masked(secret):
    return secret[:3] + "*" * 8 + secret[-4:]


key = get_api_key("WEATHER_API_KEY")
print("key loaded:", masked(key))
print(".env is ignored by git:", ".env" in Path(".gitignore").read_text().split())
try:
    get_api_key("PAYMENTS_API_KEY")
except RuntimeError as exc:
    print("fails loudly:", exc)
print("constant-time comparison:", hmac.compare_digest(key, "sk-local-1234567890abcdef"))
