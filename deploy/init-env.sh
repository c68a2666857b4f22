#!/usr/bin/env bash
# Writes .env for docker-compose.yml from .env.example, with fresh random tokens and a database
# password (owner-only). An existing .env is left as it is.
#
#   deploy/init-env.sh && docker compose up -d
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if [[ -e .env ]]; then
  echo ".env exists; left as it is" >&2
  exit 0
fi
secret() { head -c 32 /dev/urandom | base64 | tr '+/' '-_' | tr -d '=\n'; }
umask 077
sed -e "s/^FARCALL_ADMIN_TOKEN=\$/FARCALL_ADMIN_TOKEN=$(secret)/" \
    -e "s/^FARCALL_VIEWER_TOKEN=\$/FARCALL_VIEWER_TOKEN=$(secret)/" \
    -e "s/^FARCALL_WORKER_TOKEN=\$/FARCALL_WORKER_TOKEN=$(secret)/" \
    -e "s/^POSTGRES_PASSWORD=\$/POSTGRES_PASSWORD=$(secret)/" \
    .env.example > .env
echo "wrote .env (the admin token: grep FARCALL_ADMIN_TOKEN .env)"
