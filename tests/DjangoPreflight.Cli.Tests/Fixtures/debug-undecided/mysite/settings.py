import os
import socket

SECRET_KEY = os.environ["DJANGO_SECRET_KEY"]

# Decided by the host name at start-up: nothing in the source says which.
DEBUG = socket.gethostname().startswith("dev-")

ALLOWED_HOSTS = ["shop.example.com"]
