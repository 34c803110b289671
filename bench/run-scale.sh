#!/usr/bin/env bash
# The scale bench: clipBackfill embedding 2000 new scenes into a table that already holds N
# embedded scenes under the HNSW index (filled once in SQL into the database sej_scale_N and kept
# for later runs), against the model alone; PostgreSQL's CPU per scene, process start to first
# committed chunk, and the time of help, status and an idle textBackfill over the N scenes; then what
# writing text vectors to 2000 of the embedded scenes costs PostgreSQL, and how many of those updates
# were heap-only (no index entry). The jar runs as the image runs it (extracted, with its class-data
# sharing archive) unless --layout=jar. --fill-factor=F fills the table's pages to F% (database
# sej_scale_N_ffF), as an operator's ALTER TABLE video_scenes SET (fillfactor = F) would.
#
#   bench/run-scale.sh [--embedded=100000[,1000000]] [--pending=2000] [--model=int8] [--rounds=1]
#                      [--chunk=50] [--models-dir=DIR] [--thumbnails=64] [--database-prefix=sej_scale_]
#                      [--keep=true] [--layout=image|jar] [--fill-factor=100]
#
# Uses TEST_DATABASE_URL when set, else provisions the local PostgreSQL + pgvector.
exec "$(dirname "$0")/launch.sh" com.heimdex.embeddings.bench.ScaleBench "$@"
