"""Link tokens that act for someone without an account (validation, subscription confirmation,
accreditation, embargo reading links): a random token goes in the email, only its digest is
stored, so a copy of the database gives no working link."""

import hashlib
import secrets

# Longest token looked up: anything longer is refused before hashing.
MAX_LENGTH = 100


def new_token():
    return secrets.token_urlsafe(32)


def hash_token(token):
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def well_formed(token, min_length=1):
    return bool(token) and min_length <= len(token) <= MAX_LENGTH
