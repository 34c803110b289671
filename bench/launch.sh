#!/usr/bin/env bash
# Shared by bench/run.sh and bench/run-text.sh: picks the database (TEST_DATABASE_URL, else the
# local PostgreSQL + pgvector, provisioned), builds the jar and the test classpath, then runs the
# given bench class with the remaining arguments.
#
#   bench/launch.sh <bench main class> [arguments ...]
set -euo pipefail
cd "$(dirname "$0")/.."

main_class=$1
shift

if [ -z "${TEST_DATABASE_URL:-}" ]; then
  TEST_DATABASE_URL=$(scripts/provision-local-db.sh sej_bench)
fi
export TEST_DATABASE_URL

./mvnw -B -q -DskipTests package
./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
exec java -XX:TieredStopAtLevel=1 -cp "target/test-classes:target/classes:$(cat target/bench-classpath.txt)" "$main_class" "$@"
