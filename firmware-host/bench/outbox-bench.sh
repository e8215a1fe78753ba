#!/bin/sh
# Outbox benchmark (not a test): commits/s, append latency p50/p99 and bytes written to disk per
# event, for MapDbOutbox at batch 1 and 10 and for plain MapDB (transactional BTreeMap, commit per
# record) in the same run. See firmware-host/docs/outbox.md.
#   firmware-host/bench/outbox-bench.sh [dir on the disk to measure, not tmpfs] [events]
set -e
cd "$(dirname "$0")/../.."
mvn -q -B -pl firmware-host test-compile dependency:build-classpath -Dmdep.outputFile=target/bench.cp
CP="firmware-host/target/test-classes:firmware-host/target/classes:$(cat firmware-host/target/bench.cp)"
exec java -cp "$CP" io.stampbox.outbox.OutboxBench "${1:-firmware-host/target/outbox-bench}" "${2:-2000}"
