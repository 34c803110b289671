#!/bin/sh
# Uses the model baked into the image unless CLIP_MODEL_PATH says otherwise, then runs the
# command line with the container's arguments and the JVM options of deploy/jvm.options.
#
# The JVM runs as this shell's child, not as PID 1: PID 1 ignores SIGKILL sent from inside the
# container, and the JVM kills itself with it when out of heap (exit 137, see jvm.options). The
# shell passes SIGTERM and SIGINT on to the JVM (a graceful stop) and exits with the JVM's status.
app_home="${APP_HOME:-/app}"
if [ -z "${CLIP_MODEL_PATH:-}" ] && [ -f /models/clip.onnx ]; then
  export CLIP_MODEL_PATH=/models/clip.onnx
fi
java "@$app_home/jvm.options" -jar "$app_home/scene-embedding-jobs.jar" "$@" &
pid=$!
trap 'kill -TERM "$pid" 2>/dev/null' TERM
trap 'kill -INT "$pid" 2>/dev/null' INT
wait "$pid"
status=$?
# A trapped signal ends the wait early: wait again until the JVM itself has exited.
while kill -0 "$pid" 2>/dev/null; do
  wait "$pid"
  status=$?
done
exit "$status"
