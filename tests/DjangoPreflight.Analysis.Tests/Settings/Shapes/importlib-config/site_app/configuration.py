ALLOWED_HOSTS = ["app.example.org"]
SECRET_KEY_FILE = "/run/secrets/key"
