# Run by components/security.py's include(), relative to that file's folder.
ALLOWED_HOSTS = ["shop.example.org"]
