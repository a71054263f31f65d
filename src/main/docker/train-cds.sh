#!/bin/sh
# Trains the tool's class data sharing archive: starts a throwaway PostgreSQL server, runs one full `migrate`
# so the classes a real run loads (picocli, Flyway, pgjdbc, our own) are archived, then removes the server.
# An ARCHIVE ending in .aot is a Java 25+ AOT cache (-XX:AOTCacheOutput; use it with -XX:AOTCache=ARCHIVE),
# any other name an AppCDS archive (-XX:ArchiveClassesAtExit; use it with -XX:SharedArchiveFile=ARCHIVE).
# Used by the Dockerfile (AOT cache) and by bench/run and bench/startup, which measure the gain.
#
# Usage: train-cds.sh PG_BIN_DIR JAR ARCHIVE [OS_USER]
#   PG_BIN_DIR  directory holding initdb, pg_ctl and postgres
#   OS_USER     when run as root, the user the server runs as (PostgreSQL refuses root); default postgres
# Environment: JAVA (default: java on the PATH), TRAIN_PORT (default 54329).
# The archive fits only the JVM build that wrote it and the jar at that path, size and modification time;
# when either differs the JVM ignores it (a warning) and starts as usual. AppCDS cannot archive picocli's
# classes (class file version 49); the JVM's warnings about them are silenced here.
set -eu
[ $# -ge 3 ] || { echo "usage: $0 PG_BIN_DIR JAR ARCHIVE [OS_USER]" >&2; exit 2; }
PG_BIN=$1
JAR=$2
ARCHIVE=$3
OS_USER=${4:-postgres}
PORT=${TRAIN_PORT:-54329}
JAVA=${JAVA:-java}
case "$ARCHIVE" in
  *.aot) ARCHIVE_OPT=-XX:AOTCacheOutput=$ARCHIVE ;;
  *)     ARCHIVE_OPT=-XX:ArchiveClassesAtExit=$ARCHIVE ;;
esac

WORK=$(mktemp -d "${TMPDIR:-/tmp}/exoquic-cds-XXXXXX")
chmod 755 "$WORK"
AS=""
if [ "$(id -u)" = 0 ]; then
  AS="runuser -u $OS_USER --"
  chown "$OS_USER" "$WORK"
fi
stop() {
  $AS "$PG_BIN/pg_ctl" -D "$WORK/data" -m immediate -w stop >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap stop EXIT

echo training-superuser-pw > "$WORK/pw"
[ -z "$AS" ] || chown "$OS_USER" "$WORK/pw"
$AS "$PG_BIN/initdb" -D "$WORK/data" -U postgres --pwfile="$WORK/pw" -A scram-sha-256 -E UTF8 --no-sync >/dev/null
$AS "$PG_BIN/pg_ctl" -D "$WORK/data" -l "$WORK/server.log" -w \
  -o "-c listen_addresses=127.0.0.1 -c port=$PORT -c unix_socket_directories=$WORK -c wal_level=logical -c fsync=off" \
  start >/dev/null

rm -f "$ARCHIVE"
PGHOST=127.0.0.1 PGPORT=$PORT PGUSER=postgres PGPASSWORD=training-superuser-pw PGDATABASE=postgres \
EXOQUIC_REPLICATION_PASSWORD=training-replication-pw EXOQUIC_CONNECT_ATTEMPTS=5 \
  "$JAVA" "$ARCHIVE_OPT" -Xlog:disable -Xlog:all=error:stderr -jar "$JAR" migrate >/dev/null
[ -s "$ARCHIVE" ] || { echo "train-cds: no archive was written to $ARCHIVE" >&2; exit 1; }
echo "train-cds: wrote $ARCHIVE ($(du -k "$ARCHIVE" | cut -f1) KB)" >&2
