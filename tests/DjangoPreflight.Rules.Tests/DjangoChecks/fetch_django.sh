#!/usr/bin/env bash
# Fetches newer Django releases as Debian packages WITHOUT touching the system's apt configuration:
# a private sources list, lists and cache under DEST/apt, then `apt-get download` and `dpkg-deb -x`
# into DEST/<suite>. Django is pure Python, so the bookworm python3 runs it from there via PYTHONPATH.
# Usage: fetch_django.sh DEST SUITE...   (e.g. trixie sid). Idempotent: a finished suite has DEST/<suite>/ok.
set -euo pipefail
dest="$1"; shift
apt_dir="$dest/apt"
mkdir -p "$apt_dir/lists/partial" "$apt_dir/cache/archives/partial" "$apt_dir/debs"
: > "$apt_dir/sources.list"
for suite in "$@"; do
  echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] http://deb.debian.org/debian $suite main" >> "$apt_dir/sources.list"
done
opts=(-o "Dir::Etc::sourcelist=$apt_dir/sources.list" -o "Dir::Etc::sourceparts=-" -o "Dir::State::lists=$apt_dir/lists"
      -o "Dir::Cache=$apt_dir/cache" -o "APT::Sandbox::User=root" -qq)
apt-get "${opts[@]}" update
for suite in "$@"; do
  [ -e "$dest/$suite/ok" ] && continue
  work="$apt_dir/debs/$suite"
  rm -rf "$work" "$dest/$suite"
  mkdir -p "$work" "$dest/$suite"
  (cd "$work" && apt-get "${opts[@]}" download "python3-django/$suite" "python3-asgiref/$suite" "python3-sqlparse/$suite")
  for deb in "$work"/*.deb; do dpkg-deb -x "$deb" "$dest/$suite"; done
  # Byte-compile once, as installing the package would, so each forked check does not recompile Django.
  /usr/bin/python3 -m compileall -q "$dest/$suite/usr/lib/python3/dist-packages" >/dev/null || true
  touch "$dest/$suite/ok"
done
