from django.contrib.auth import authenticate


class AuthMixin:
    """The login flow's steps: check the credentials, then the second factor."""

    def check_credentials(self, username, password):
        return authenticate(self.request, username=username, password=password)

    def start_challenge(self):
        self.request.session["challenge"] = "pending"
        return "pending"
