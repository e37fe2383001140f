#!/bin/sh
# Nightly backup of the shop: a compressed pg_dump of the database and a tarball of the uploads,
# kept for 14 days, then copied off the host. Run from cron (deploy/cron.d/shop).
set -eu

BACKUP_DIR="${BACKUP_DIR:-/var/backups/shop}"
STAMP="$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$BACKUP_DIR"

docker compose -f /srv/shop/app/docker-compose.yml exec -T db \
    sh -c 'pg_dump --format=custom --no-owner -U "$POSTGRES_USER" "$POSTGRES_DB"' \
    > "$BACKUP_DIR/shop-db-$STAMP.dump"
tar -czf "$BACKUP_DIR/shop-media-$STAMP.tar.gz" -C /srv/shop media

find "$BACKUP_DIR" -type f -mtime +14 -delete
rclone copy "$BACKUP_DIR" offsite:shop-backups
