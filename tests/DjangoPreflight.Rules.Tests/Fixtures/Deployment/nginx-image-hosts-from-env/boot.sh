#!/bin/sh
# The entrypoint renders the nginx configuration from its template, then serves the app.
envsubst '$STATIC_ROOT' < /app/conf/site.conf.template > /etc/nginx/conf.d/site.conf
nginx
exec gunicorn shop.wsgi:application --bind 127.0.0.1:8000
