DEBUG = False
ALLOWED_HOSTS = ["pantry.example.org"]
