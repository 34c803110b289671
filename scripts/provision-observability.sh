#!/usr/bin/env bash
# Installs and starts what the observability tests need, from Debian's archive, each step skipped
# when already done; prints nothing but diagnostics on stderr. Used by scripts/test.sh.
#   1. prometheus-pushgateway installed; one started on 127.0.0.1:${PUSHGATEWAY_PORT:-19091}
#      unless something already answers there
#   2. prometheus installed, for promtool (checks deploy/observability/alert-rules.yaml)
# Prints the Pushgateway's URL on stdout. Fails (exit 1) when either cannot be provided.
set -euo pipefail

log() { echo "[provision] $*" >&2; }

PUSHGATEWAY_PORT=${PUSHGATEWAY_PORT:-19091}
PUSHGATEWAY_URL="http://127.0.0.1:$PUSHGATEWAY_PORT"
SUDO=""
if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi

missing=()
command -v prometheus-pushgateway >/dev/null 2>&1 || missing+=(prometheus-pushgateway)
command -v promtool >/dev/null 2>&1 || missing+=(prometheus)
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]}"
  $SUDO apt-get update -qq >&2
  # policy-rc.d-free: the packages' services are not needed (and there may be no init system).
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
fi
command -v prometheus-pushgateway >/dev/null 2>&1 || { log "prometheus-pushgateway is not installed"; exit 1; }
command -v promtool >/dev/null 2>&1 || { log "promtool (package prometheus) is not installed"; exit 1; }

answers() { curl -fsS -o /dev/null "$PUSHGATEWAY_URL/-/ready" 2>/dev/null; }
if ! answers; then
  log "starting prometheus-pushgateway on 127.0.0.1:$PUSHGATEWAY_PORT"
  nohup prometheus-pushgateway --web.listen-address="127.0.0.1:$PUSHGATEWAY_PORT" \
    >"${TMPDIR:-/tmp}/pushgateway-$PUSHGATEWAY_PORT.log" 2>&1 &
  for _ in $(seq 1 30); do answers && break; sleep 0.5; done
  answers || { log "prometheus-pushgateway did not answer on $PUSHGATEWAY_URL"; exit 1; }
fi

echo "$PUSHGATEWAY_URL"
