from rest_framework import renderers
from rest_framework.renderers import JSONRenderer


class CompactJSONRenderer(JSONRenderer):
    compact = True


class ReadOnlyBrowsableRenderer(renderers.BrowsableAPIRenderer):
    """The HTML API without its forms: still a browsable page per endpoint."""

    def get_rendered_html_form(self, data, view, method, request):
        return None
