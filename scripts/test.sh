#!/usr/bin/env bash
# The project's test command. Chooses the PostgreSQL + pgvector server the tests use:
#   1. TEST_DATABASE_URL when set (JDBC or postgres:// URL of a server where the user may create databases);
#   2. else Testcontainers (pgvector/pgvector image) when a Docker engine answers;
#   3. else the local PostgreSQL, provisioned by scripts/provision-local-db.sh (installs the server
#      and builds pgvector from Debian's source package when missing).
# Then provisions the observability tools (scripts/provision-observability.sh: a Prometheus
# Pushgateway on a loopback port, exported as TEST_PUSHGATEWAY_URL, and promtool), installs chromium +
# chromium-driver for the admin page's browser test (scripts/provision-browser.sh), and runs
# ./mvnw -B verify with any extra arguments given to this script.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -n "${TEST_DATABASE_URL:-}" ]; then
  echo "[test] using TEST_DATABASE_URL"
elif timeout 20 docker info >/dev/null 2>&1; then
  echo "[test] Docker answers: tests start a pgvector/pgvector container (Testcontainers)"
else
  echo "[test] no Docker engine: provisioning the local PostgreSQL + pgvector"
  TEST_DATABASE_URL=$(scripts/provision-local-db.sh sej_test)
  export TEST_DATABASE_URL
  # Each test class creates its own t_* database; drop what earlier runs left behind.
  psql "${TEST_DATABASE_URL#jdbc:}" -qAt -c "SELECT datname FROM pg_database WHERE datname LIKE 't\_%'" 2>/dev/null \
    | while read -r db; do psql "${TEST_DATABASE_URL#jdbc:}" -q -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" >/dev/null; done || true
fi

if [ -z "${TEST_PUSHGATEWAY_URL:-}" ]; then
  TEST_PUSHGATEWAY_URL=$(scripts/provision-observability.sh)
  export TEST_PUSHGATEWAY_URL
fi
echo "[test] Pushgateway at $TEST_PUSHGATEWAY_URL"

# The admin page's browser test drives Debian's chromium through chromium-driver.
scripts/provision-browser.sh

exec ./mvnw -B verify "$@"
