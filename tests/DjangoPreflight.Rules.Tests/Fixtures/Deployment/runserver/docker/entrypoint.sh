#!/bin/sh
set -e
echo "Starting; never use manage.py runserver in production"
python manage.py migrate --noinput
exec python manage.py runserver 0.0.0.0:8000
