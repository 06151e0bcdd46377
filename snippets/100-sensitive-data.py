# Topic: handling sensitive data: encrypt what must be read back (Fernet from cryptography),
# hash what must only be checked (passwords, with a salt and many iterations), and keep
# secrets out of logs with a redacting filter.
import base64
import hashlib
import hmac
import io
import logging
import re

from cryptography.fernet import Fernet, InvalidToken

key = Fernet.generate_key()                # kept in a secrets manager, not in the code
box = Fernet(key)
token = box.encrypt(b"4111 1111 1111 1111")
raw = bytearray(base64.urlsafe_b64decode(token))
# version byte, 8-byte timestamp, 16-byte IV, AES-CBC ciphertext (19 bytes padded to 32), HMAC.
print("token: version", hex(raw[0]), "| bytes:", len(raw), "= 1 + 8 + 16 + 32 + 32")
print("decrypted:", box.decrypt(token))
try:
    Fernet(Fernet.generate_key()).decrypt(token)
except InvalidToken:
    print("another key cannot decrypt it (InvalidToken)")
raw[30] ^= 0x01                            # flip one bit of the ciphertext
tampered = base64.urlsafe_b64encode(bytes(raw))
try:
    box.decrypt(tampered)
except InvalidToken:
    print("a tampered token is rejected")


def hash_password(password, salt):
    return hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 100_000)


salt = bytes(range(16))                    # random (os.urandom(16)) per user in real code
stored = hash_password("correct horse", salt)
print("hash length:", len(stored), "bytes; first bytes:", stored[:4].hex())
print("check right password:", hmac.compare_digest(stored, hash_password("correct horse", salt)))
print("check wrong password:", hmac.compare_digest(stored, hash_password("wrong horse", salt)))


class Redact(logging.Filter):
    PATTERN = re.compile(r"(password|token|card)=\S+")

    def filter(self, record):
        record.msg = self.PATTERN.sub(r"\1=[REDACTED]", str(record.msg))
        return True


stream = io.StringIO()
handler = logging.StreamHandler(stream)
handler.addFilter(Redact())
log = logging.getLogger("payments")
log.addHandler(handler)
log.propagate = False
log.warning("login user=ann password=hunter2 card=4111111111111111")
print("log line:", stream.getvalue().strip())
