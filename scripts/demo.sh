#!/usr/bin/env bash
# Runs clipBackfill on a handful of demo scenes and shows a similarity search:
#   1. provisions the local PostgreSQL + pgvector (same script as the tests) with a fresh sej_demo database;
#   2. builds the jar (incrementally);
#   3. uses CLIP_MODEL_PATH if set, else the pinned model when its host answers, else a model the
#      project generates (same input/output contract, random weights: its vectors are NOT semantic);
#   4. serves demo thumbnails from a local HTTP server and inserts scenes that point at them;
#   5. runs `start clipBackfill`, prints `status`, and searches scenes similar to the first one.
set -euo pipefail
cd "$(dirname "$0")/.."

JAR=target/scene-embedding-jobs.jar
PGPORT=${PGPORT:-5432}
PGSUPERUSER=${PGSUPERUSER:-postgres}
DEMO_DB=${DEMO_DB:-sej_demo}
WORK=$(mktemp -d)
SERVER_PID=""
cleanup() { [ -n "$SERVER_PID" ] && kill "$SERVER_PID" 2>/dev/null; rm -rf "$WORK"; }
trap cleanup EXIT

say() { printf '\n== %s\n' "$*"; }

say "Database"
scripts/provision-local-db.sh --fresh "$DEMO_DB" >/dev/null
export DATABASE_URL="postgres://$PGSUPERUSER@127.0.0.1:$PGPORT/$DEMO_DB"
unset SPRING_DATASOURCE_URL SPRING_DATASOURCE_USERNAME SPRING_DATASOURCE_PASSWORD
PSQL=(psql "postgresql://$PGSUPERUSER@127.0.0.1:$PGPORT/$DEMO_DB" -v ON_ERROR_STOP=1 -q)
echo "DATABASE_URL=$DATABASE_URL"

say "Building $JAR"
./mvnw -B -q package -DskipTests

say "CLIP model"
MODEL_URL=${CLIP_MODEL_URL:-https://huggingface.co/Xenova/clip-vit-base-patch32/resolve/d15189d7028b43f1d3e65039190477f6af591c2a/onnx/vision_model_quantized.onnx}
if [ -n "${CLIP_MODEL_PATH:-}" ]; then
  echo "Using CLIP_MODEL_PATH=$CLIP_MODEL_PATH"
elif curl -fsIL --max-time 15 -o /dev/null "$MODEL_URL" 2>/dev/null; then
  echo "The model host answers: the job downloads the pinned model into ${CLIP_CACHE_DIR:-/tmp/clip_cache} (sha256-checked)."
else
  export CLIP_MODEL_PATH="$WORK/generated-clip.onnx"
  echo "The model host cannot be reached ($MODEL_URL)."
  echo "To use the real model, download it elsewhere and run: CLIP_MODEL_PATH=/path/to/vision_model_quantized.onnx $0"
  echo "Now using a model this project generates with CLIP's input/output contract and random weights:"
  echo "it exercises the whole pipeline, but its vectors are NOT semantic (similar images are not near)."
  # The generator is test code (not in the jar): run it from the test classes the build compiled.
  ./mvnw -B -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/demo-classpath.txt
  java -cp "target/test-classes:target/classes:$(cat target/demo-classpath.txt)" \
    com.heimdex.embeddings.testmodel.GeneratedClipModel "$CLIP_MODEL_PATH" 512 42
fi

say "Demo thumbnails"
IMAGES=src/test/resources/com/heimdex/embeddings/clip
cp "$IMAGES/landscape_chelsea.png" "$WORK/cat.png"
cp "$IMAGES/palette_chelsea.png" "$WORK/cat-palette.png"
cp "$IMAGES/portrait_astronaut.png" "$WORK/astronaut.png"
cp "$IMAGES/small_coffee.png" "$WORK/coffee.png"
cp "$IMAGES/grayscale_camera.png" "$WORK/camera.png"
cp "$IMAGES/thumbnail_rocket.jpg" "$WORK/rocket.jpg"
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
python3 -m http.server "$PORT" --bind 127.0.0.1 --directory "$WORK" >/dev/null 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 50); do curl -fs -o /dev/null "http://127.0.0.1:$PORT/cat.png" && break; sleep 0.1; done
echo "Serving $(ls "$WORK" | grep -c -E 'png|jpg') thumbnails on http://127.0.0.1:$PORT/"

say "Demo scenes"
OWNER=11111111-1111-1111-1111-111111111111
VIDEO=22222222-2222-2222-2222-222222222222
java @deploy/jvm.options -jar "$JAR" status >/dev/null   # migrates the fresh database
"${PSQL[@]}" <<SQL
INSERT INTO videos (id, owner_id, status) VALUES ('$VIDEO', '$OWNER', 'READY');
INSERT INTO video_scenes (id, video_id, owner_id, scene_index, thumbnail_url, visual_description) VALUES
  ('00000000-0000-0000-0000-000000000001', '$VIDEO', '$OWNER', 1, 'http://127.0.0.1:$PORT/cat.png', 'a cat'),
  ('00000000-0000-0000-0000-000000000002', '$VIDEO', '$OWNER', 2, 'http://127.0.0.1:$PORT/cat-palette.png', 'the same cat, fewer colours'),
  ('00000000-0000-0000-0000-000000000003', '$VIDEO', '$OWNER', 3, 'http://127.0.0.1:$PORT/astronaut.png', 'an astronaut'),
  ('00000000-0000-0000-0000-000000000004', '$VIDEO', '$OWNER', 4, 'http://127.0.0.1:$PORT/coffee.png', 'a cup of coffee'),
  ('00000000-0000-0000-0000-000000000005', '$VIDEO', '$OWNER', 5, 'http://127.0.0.1:$PORT/camera.png', 'a cameraman'),
  ('00000000-0000-0000-0000-000000000006', '$VIDEO', '$OWNER', 6, 'http://127.0.0.1:$PORT/rocket.jpg', 'a rocket on its launch pad'),
  ('00000000-0000-0000-0000-000000000007', '$VIDEO', '$OWNER', 7, 'http://127.0.0.1:$PORT/missing.jpg', 'a thumbnail that is gone'),
  ('00000000-0000-0000-0000-000000000008', '$VIDEO', '$OWNER', 8, NULL, 'a scene without thumbnail');
SQL
echo "8 scenes: 6 with thumbnails, 1 whose thumbnail is missing (404), 1 without thumbnail"

say "java @deploy/jvm.options -jar $JAR start clipBackfill batchSize=4"
# The demo server is on 127.0.0.1, which the URL policy refuses unless allowed.
THUMBNAILS_ALLOW_PRIVATE_ADDRESSES=true java @deploy/jvm.options -jar "$JAR" start clipBackfill batchSize=4

say "java @deploy/jvm.options -jar $JAR status"
java @deploy/jvm.options -jar "$JAR" status

say "Scenes most similar to scene 1 (the cat), owner $OWNER only"
"${PSQL[@]}" -P pager=off <<SQL
WITH reference AS (
  SELECT embedding_visual_clip FROM video_scenes
  WHERE id = '00000000-0000-0000-0000-000000000001'
)
SELECT scene_index, visual_description, round(similarity::numeric, 4) AS similarity
FROM search_scenes_by_visual_clip_embedding(
  query_embedding := (SELECT embedding_visual_clip FROM reference),
  match_threshold := -1,
  match_count := 10,
  filter_user_id := '$OWNER'
);
SQL
if [ "${CLIP_MODEL_PATH:-}" = "$WORK/generated-clip.onnx" ]; then
  echo "(generated model: these similarities are not semantic; with the real model the cat's twin ranks first)"
fi
