#!/bin/bash

python manage.py migrate

gunicorn nursery.wsgi:application --timeout 30 --log-file -
