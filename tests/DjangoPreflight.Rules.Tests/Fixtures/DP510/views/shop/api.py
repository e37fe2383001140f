from rest_framework import viewsets
from rest_framework.throttling import AnonRateThrottle


class SignupViewSet(viewsets.ModelViewSet):
    def get_throttles(self):
        # Chosen in code per action: the API is throttled, though no throttle_classes list says so.
        return [AnonRateThrottle()] if self.action == "create" else []
