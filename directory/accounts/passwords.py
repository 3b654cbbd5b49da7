"""Password hashing (argon2id) and the strength rule every password must meet."""

from __future__ import annotations

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError, VerifyMismatchError

MIN_LENGTH = 12
_hasher = PasswordHasher()

# The most common passwords of at least 12 characters in public breach corpora.
COMMON_PASSWORDS = frozenset(
    {
        "123456789012", "1234567890123", "12345678910", "qwertyuiopas", "password1234",
        "password12345", "passwordpassword", "iloveyou1234", "qwerty123456", "111111111111",
        "000000000000", "123123123123", "abcdefghijkl", "letmeinletmein", "welcome12345",
        "administrator", "changeme1234", "trustno1trustno1", "football1234", "baseball1234",
        "superman1234", "princess1234", "sunshine1234", "1q2w3e4r5t6y", "qwertyuiop12",
        "passw0rd1234", "p@ssw0rd1234", "monkey123456", "dragon123456", "recovery1234",
    }
)


class WeakPasswordError(ValueError):
    """The password does not meet the length or commonness rule."""


def check_strength(password: str) -> None:
    """Raise :class:`WeakPasswordError` with a readable reason when ``password`` is too weak."""
    if len(password) < MIN_LENGTH:
        raise WeakPasswordError(f"Use at least {MIN_LENGTH} characters.")
    if password.lower() in COMMON_PASSWORDS or len(set(password)) < 4:
        raise WeakPasswordError("This password is too common; choose another.")


def hash_password(password: str) -> str:
    """An argon2id hash of ``password`` (after checking its strength)."""
    check_strength(password)
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    """Whether ``password`` matches ``password_hash``; never raises on a mismatch."""
    try:
        return _hasher.verify(password_hash, password)
    except (VerifyMismatchError, VerificationError, InvalidHashError):
        return False
