from django.utils.deprecation import MiddlewareMixin


class CsrfOriginMiddleware(MiddlewareMixin):
    def process_request(self, request):
        request.csrf_origin = request.headers.get("Origin")
