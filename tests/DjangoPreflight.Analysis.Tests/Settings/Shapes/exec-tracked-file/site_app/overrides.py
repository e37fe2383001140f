DEBUG = False
ALLOWED_HOSTS = ["example.org"]
