from django.db import models


class AuthMixin(models.Model):
    """Another class of the same name, which the view does not derive from."""

    last_login_ip = models.GenericIPAddressField(null=True)

    class Meta:
        abstract = True
