#!/usr/bin/env bash
# The reprocess bench: on the same scenes in the same run, clipBackfill embeds them, then reprocess
# re-embeds them after a CLIP model change; prints both scenes/s and the ratio (target >= 90%).
#
#   bench/run-reprocess.sh [--scenes=2000] [--models=fp32,int8] [--chunk=50] [--models-dir=DIR]
#                          [--thumbnails=64] [--job-env=NAME=value,...] [--rounds=1]
#
# Uses TEST_DATABASE_URL when set, else provisions the local PostgreSQL + pgvector.
exec "$(dirname "$0")/launch.sh" com.heimdex.embeddings.bench.ReprocessBench "$@"
