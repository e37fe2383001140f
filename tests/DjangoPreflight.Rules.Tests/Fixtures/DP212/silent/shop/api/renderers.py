from rest_framework.renderers import JSONRenderer


class CompactJSONRenderer(JSONRenderer):
    compact = True
