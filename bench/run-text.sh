#!/usr/bin/env bash
# The text backfill bench: textBackfill end to end (the built jar) against a simulated
# OpenAI-compatible server that enforces its own requests/tokens-per-minute limits, in three
# scenarios (tokens bind, requests bind, the server alone throttles); prints requests per 100
# scenes, the rates the server accepted, the share of the budget used, 429s and texts lost.
#
#   bench/run-text.sh [--scenes=3000] [--minutes=1.5] [--scenarios=tokens,requests,throttled] [--logs=DIR]
#
# Uses TEST_DATABASE_URL when set, else provisions the local PostgreSQL + pgvector.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ -z "${TEST_DATABASE_URL:-}" ]; then
  TEST_DATABASE_URL=$(scripts/provision-local-db.sh sej_bench)
fi
export TEST_DATABASE_URL

./mvnw -B -q -DskipTests package
./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
exec java -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" \
  com.heimdex.embeddings.bench.TextBench "$@"
