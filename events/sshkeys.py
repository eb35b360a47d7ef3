"""OpenSSH public keys as konzept stores them: one line, checked, with its fingerprint.

``konzept serve-ssh`` maps each authorised key to a person; the mapping lives in the
log (``KeyAuthorised``/``KeyRevoked``) so who may log in is as auditable as who may
write. The write side must not depend on an SSH library, so this module reads the
public-key line with the standard library only: the fingerprint it computes is the
one OpenSSH prints (``ssh-keygen -lf``) and asyncssh's ``get_fingerprint()`` returns,
which is how the server finds the person for the key a client presents.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import struct
from dataclasses import dataclass

from .errors import ValidationError

#: Key types konzept accepts: the ones current OpenSSH clients make by default or on request.
KEY_TYPES = frozenset(
    {
        "ssh-ed25519",
        "ssh-rsa",
        "ecdsa-sha2-nistp256",
        "ecdsa-sha2-nistp384",
        "ecdsa-sha2-nistp521",
        "sk-ssh-ed25519@openssh.com",
        "sk-ecdsa-sha2-nistp256@openssh.com",
    }
)
_MAX_LINE = 16_384


@dataclass(frozen=True)
class PublicKey:
    """One public key: its type, its base64 body, the comment and its fingerprint."""

    type: str
    body: str
    comment: str
    fingerprint: str

    @property
    def line(self) -> str:
        """The key as stored: type and body, without the comment (that is kept apart)."""
        return f"{self.type} {self.body}"


def fingerprint(blob: bytes) -> str:
    """The SHA-256 fingerprint in OpenSSH's notation (``SHA256:`` + unpadded base64)."""
    digest = base64.b64encode(hashlib.sha256(blob).digest()).decode("ascii")
    return "SHA256:" + digest.rstrip("=")


def parse_public_key(text: str) -> PublicKey:
    """Read one OpenSSH public-key line (as in ``id_ed25519.pub``) or refuse it clearly.

    Options in front of the type (``authorized_keys`` style) are refused rather than
    dropped, so nobody believes a ``from=`` restriction is in force when it is not.
    """
    lines = [ln.strip() for ln in text.strip().splitlines() if ln.strip()]
    if len(lines) != 1:
        raise ValidationError(
            "Expected exactly one public key line (the contents of a .pub file), "
            "got {count} lines.",
            count=len(lines),
        )
    line = lines[0]
    if len(line) > _MAX_LINE:
        raise ValidationError("The public key line is too long to be an OpenSSH key.")
    if line.startswith("-----BEGIN"):
        raise ValidationError("This is a private key; give the public key (the .pub file) instead.")
    parts = line.split(None, 2)
    if len(parts) < 2 or parts[0] not in KEY_TYPES:
        raise ValidationError(
            "This is not an OpenSSH public key line: expected a type such as ssh-ed25519 "
            "followed by the key, as in id_ed25519.pub."
        )
    type_, body = parts[0], parts[1]
    comment = parts[2].strip() if len(parts) > 2 else ""
    try:
        blob = base64.b64decode(body, validate=True)
    except (binascii.Error, ValueError):
        raise ValidationError("The public key's body is not valid base64.") from None
    if _blob_type(blob) != type_:
        raise ValidationError("The public key's body does not hold a {type} key.", type=type_)
    return PublicKey(type_, body, comment[:200], fingerprint(blob))


def _blob_type(blob: bytes) -> str | None:
    """The type name at the start of an SSH wire-format key blob (RFC 4253 §6.6)."""
    if len(blob) < 4:
        return None
    (length,) = struct.unpack(">I", blob[:4])
    if length > 64 or len(blob) < 4 + length:
        return None
    try:
        return blob[4 : 4 + length].decode("ascii")
    except UnicodeDecodeError:
        return None
