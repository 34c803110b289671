#!/usr/bin/env bash
# The text backfill bench: textBackfill end to end (the built jar) against a simulated
# OpenAI-compatible server that enforces its own requests/tokens-per-minute limits, in three
# scenarios (tokens bind, requests bind, the server alone throttles); prints requests per 100
# scenes, the rates the server accepted, the share of the budget used, 429s and texts lost.
#
#   bench/run-text.sh [--scenes=3000] [--minutes=1.5] [--scenarios=tokens,requests,throttled] [--logs=DIR]
#
# Uses TEST_DATABASE_URL when set, else provisions the local PostgreSQL + pgvector.
exec "$(dirname "$0")/launch.sh" com.heimdex.embeddings.bench.TextBench "$@"
