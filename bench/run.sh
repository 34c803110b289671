#!/usr/bin/env bash
# The CLIP backfill bench: generates a ViT-B/32 image tower with random weights (fp32 and int8),
# a database of scenes and a local thumbnail server, then measures clipBackfill end to end (the
# built jar) against the model alone, for a seeds-like and the optimised configuration.
#
#   bench/run.sh [--scenes=2000] [--baseline-scenes=300] [--models=fp32,int8[,int8-signed]] [--chunk=50]
#                [--models-dir=DIR] [--thumbnails=64] [--job-env=NAME=value,...] [--rounds=1]
#
# --rounds=N measures the optimised configuration N times per model (each round its own model-alone
# timing and job run) and prints the median ratio.
#
# Uses TEST_DATABASE_URL when set, else provisions the local PostgreSQL + pgvector.
exec "$(dirname "$0")/launch.sh" com.heimdex.embeddings.bench.ClipBench "$@"
