#!/usr/bin/env bash
# Start the product: daphne always; Celery worker and beat only when Redis is configured
# (without a broker, tasks run eagerly inside daphne).
set -euo pipefail
cd "$(dirname "$0")/.."
set -a; source .env; set +a
processes="web"
if [ -n "${REDIS_URL:-}" ]; then processes="web worker beat"; fi
cat <<MSG

  Customer-service platform: http://127.0.0.1:${WEB_PORT:-8000}/
  Health:  http://127.0.0.1:${WEB_PORT:-8000}/healthz
  Admin:   http://127.0.0.1:${WEB_PORT:-8000}/admin/
  Demo log-ins (username / password):
$(.venv/bin/python manage.py seed_demo --list | sed 's/^/    /')

MSG
exec .venv/bin/honcho -f Procfile start $processes
