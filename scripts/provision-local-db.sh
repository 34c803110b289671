#!/usr/bin/env bash
# Provisions a local PostgreSQL with the pgvector extension and prints nothing but diagnostics
# on stderr. Used by scripts/test.sh (no Docker) and scripts/demo.sh.
#
#   scripts/provision-local-db.sh DBNAME   -> creates (or recreates with --fresh) DBNAME
#
# Steps, each skipped when already done:
#   1. PostgreSQL server installed (apt) and running on 127.0.0.1:${PGPORT:-5432}
#   2. pgvector (>= 0.5, for HNSW) built from Debian's source package and installed
#   3. database DBNAME exists, with the vector extension created
# Prints the JDBC URL of DBNAME on stdout.
set -euo pipefail

log() { echo "[provision] $*" >&2; }

PGHOST_ADDR=${PGHOST_ADDR:-127.0.0.1}
PGPORT=${PGPORT:-5432}
PGSUPERUSER=${PGSUPERUSER:-postgres}
FRESH=false
DBNAME=""
for arg in "$@"; do
  case "$arg" in
    --fresh) FRESH=true ;;
    -*) echo "unknown option: $arg" >&2; exit 2 ;;
    *) DBNAME="$arg" ;;
  esac
done
[ -n "$DBNAME" ] || { echo "usage: $0 [--fresh] DBNAME" >&2; exit 2; }

SUDO=""
if [ "$(id -u)" != 0 ]; then
  if command -v sudo >/dev/null 2>&1; then SUDO="sudo"; else
    log "not root and no sudo: cannot install packages; continuing with what is installed"; fi
fi

apt_updated=false
apt_install() {
  if ! $apt_updated; then $SUDO apt-get update -qq >&2; apt_updated=true; fi
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "$@" >&2
}

psql_super() { psql -h "$PGHOST_ADDR" -p "$PGPORT" -U "$PGSUPERUSER" -v ON_ERROR_STOP=1 -qAt "$@"; }

# 1. server
if ! command -v pg_ctlcluster >/dev/null 2>&1 && ! command -v psql >/dev/null 2>&1; then
  log "installing PostgreSQL"
  apt_install postgresql postgresql-client
fi
if ! pg_isready -h "$PGHOST_ADDR" -p "$PGPORT" -q 2>/dev/null; then
  log "starting PostgreSQL"
  for version in $(ls /etc/postgresql 2>/dev/null); do
    $SUDO pg_ctlcluster --skip-systemctl-redirect "$version" main start >&2 || true
  done
  for _ in $(seq 1 30); do pg_isready -h "$PGHOST_ADDR" -p "$PGPORT" -q && break; sleep 1; done
fi
pg_isready -h "$PGHOST_ADDR" -p "$PGPORT" -q || { log "PostgreSQL is not answering on $PGHOST_ADDR:$PGPORT"; exit 1; }

server_major=$(psql_super -d postgres -c "SHOW server_version_num" | cut -c1-2)

# 2. pgvector
vector_available() {
  [ "$(psql_super -d postgres -c "SELECT count(*) FROM pg_available_extension_versions
      WHERE name = 'vector' AND string_to_array(version, '.')::int[] >= '{0,5,0}'")" != 0 ]
}
if ! vector_available; then
  log "pgvector >= 0.5 missing for PostgreSQL $server_major: building it from Debian's source package"
  if [ ! -f /etc/apt/sources.list.d/pgvector-src.sources ]; then
    # bookworm ships pgvector 0.4 (no HNSW); trixie's source package builds against any server.
    $SUDO tee /etc/apt/sources.list.d/pgvector-src.sources >/dev/null <<SRC
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
    apt_updated=false
  fi
  apt_install "postgresql-server-dev-$server_major" build-essential dpkg-dev
  build_dir=$(mktemp -d)
  (
    cd "$build_dir"
    apt-get source -qq --download-only pgvector >&2
    dpkg-source -x --skip-patches ./pgvector_*.dsc src >&2
    cd src
    make -s PG_CONFIG="/usr/lib/postgresql/$server_major/bin/pg_config" >&2
    $SUDO make -s install PG_CONFIG="/usr/lib/postgresql/$server_major/bin/pg_config" >&2
  )
  rm -rf "$build_dir"
  vector_available || { log "pgvector build finished but the extension is still not available"; exit 1; }
  log "pgvector installed"
fi

# 3. database
if $FRESH; then
  psql_super -d postgres -c "DROP DATABASE IF EXISTS \"$DBNAME\" WITH (FORCE)" >&2
fi
if [ "$(psql_super -d postgres -c "SELECT count(*) FROM pg_database WHERE datname = '$DBNAME'")" = 0 ]; then
  psql_super -d postgres -c "CREATE DATABASE \"$DBNAME\"" >&2
fi
psql_super -d "$DBNAME" -c "CREATE EXTENSION IF NOT EXISTS vector" >&2

echo "jdbc:postgresql://$PGHOST_ADDR:$PGPORT/$DBNAME?user=$PGSUPERUSER"
