#!/bin/sh
# Writes the class-data sharing archive of the extracted jar: a training run loads the classes a
# command needs (Spring's context refreshed with every bean of the jobs, then the process exits
# before any command runs, so no database is needed), and the JVM stores them, parsed and
# verified, in ARCHIVE. A JVM started with -XX:SharedArchiveFile=ARCHIVE maps them instead of
# loading them from the jar: start-up takes less than half the time (README, Performance).
# The image build runs it (Dockerfile) and adds the option to the image's jvm.options; the
# archive holds only for the same JDK and the same jar files, which the image pins together.
#
#   deploy/cds-archive.sh <extracted jar> <archive> [jvm.options]
set -eu
jar=$1
archive=$2
options=${3:-$(dirname "$0")/jvm.options}
# An address nothing listens on: the context is built, no connection is opened. Commands start
# their context lazily, each creating only the beans it uses; the training run creates them all,
# so that the archive holds the classes of every command.
DATABASE_URL=postgres://training@127.0.0.1:1/training \
  java "@$options" -XX:ArchiveClassesAtExit="$archive" -Dspring.context.exit=onRefresh \
  -Dspring.main.lazy-initialization=false \
  -jar "$jar" start clipBackfill > /dev/null
test -s "$archive"
