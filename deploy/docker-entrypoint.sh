#!/bin/sh
# Uses the model baked into the image unless CLIP_MODEL_PATH says otherwise, then runs the
# command line with the container's arguments and the JVM options of deploy/jvm.options.
# exec: the JVM gets SIGTERM directly.
if [ -z "${CLIP_MODEL_PATH:-}" ] && [ -f /models/clip.onnx ]; then
  export CLIP_MODEL_PATH=/models/clip.onnx
fi
exec java @/app/jvm.options -jar /app/scene-embedding-jobs.jar "$@"
