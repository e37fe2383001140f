from email import message_from_bytes

from django.core.signing import TimestampSigner


def read_bounce_id(body):
    """The id signed into the bounce address; raises BadSignature for any other."""
    local = message_from_bytes(body).get("To", "").split("@")[0]
    return TimestampSigner().unsign(local, max_age=3600 * 48)
