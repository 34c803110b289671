#!/bin/sh
# Extracts ONNX Runtime's native libraries for this machine's platform from the onnxruntime jar in
# LIB into TARGET. A JVM started with -Donnxruntime.native.path=TARGET loads them from there;
# without it, ONNX Runtime unzips its 20 MB library from the jar into /tmp at every start, on the
# way to the first embedding (README, Performance). The image build runs it (Dockerfile) and adds
# the option to the image's jvm.options; the libraries come from the jar the image runs, so they
# match its Java classes.
#
#   deploy/onnxruntime-native.sh <lib directory of the extracted jar> <target directory>
set -eu
lib=$1
target=$2
case "$(uname -m)" in
  x86_64 | amd64) platform=linux-x64 ;;
  aarch64 | arm64) platform=linux-aarch64 ;;
  *) echo "onnxruntime-native.sh: ONNX Runtime ships no native library for $(uname -m)" >&2; exit 1 ;;
esac
jars=$(find "$lib" -maxdepth 1 -name 'onnxruntime-[0-9]*.jar')
if [ "$(echo "$jars" | grep -c .)" -ne 1 ]; then
  echo "onnxruntime-native.sh: expected one onnxruntime jar in $lib, found: ${jars:-none}" >&2
  exit 1
fi
jar=$(cd "$(dirname "$jars")" && pwd)/$(basename "$jars")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && jar xf "$jar" "ai/onnxruntime/native/$platform/")
mkdir -p "$target"
cp "$work/ai/onnxruntime/native/$platform/"* "$target/"
test -s "$target/libonnxruntime.so"
