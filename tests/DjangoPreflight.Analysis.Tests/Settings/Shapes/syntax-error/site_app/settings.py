DEBUG = False
SECRET_KEY = "a-long-enough-key-a-long-enough-key-a-long-enough-key"

X_FRAME_OPTIONS = = "DENY"

ALLOWED_HOSTS = ["example.org"]
