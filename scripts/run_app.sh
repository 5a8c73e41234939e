#!/usr/bin/env bash
# Runs the job consumer next to the app (production build, one port: 3000).
set -euo pipefail
cd "$(dirname "$0")/.."
.venv/bin/python -m ortho_app.worker &
consumer=$!
trap 'kill $consumer 2>/dev/null || true' EXIT INT TERM
.venv/bin/reflex run --env prod --single-port --frontend-port "${PORT:-3000}" --backend-port "${PORT:-3000}"
