import hashlib
import hmac

from rest_framework.exceptions import PermissionDenied


def check_project_perms(request, project_pk, perms):
    if not request.user.has_perms([f"shop.{p}" for p in perms]):
        raise PermissionDenied()


def sign(body):
    return hmac.new(b"key", body, hashlib.sha256).hexdigest()
