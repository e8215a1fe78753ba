#!/bin/sh
# Ingest throughput benchmark (not a test; issue 16): stampbox-ingest run with one and with two consumers on one
# MQTT 5 shared subscription into PostgreSQL, next to a plain COPY of the same rows into the same table, same run.
# See provisioning/docs/ingest.md and firmware-host/docs/benchmarks.md ("Reference ingest into PostgreSQL").
#   bash provisioning/bench/ingest-bench.sh [events] [rounds] [extra mvn args...]
#   e.g. bash provisioning/bench/ingest-bench.sh 50000 2 -o -Dmaven.repo.local=/work/m2-me
# Needs mosquitto, PostgreSQL on 127.0.0.1:5432 (trust) and the daemon installed in the local Maven repository
# (mvn -pl firmware-host install -DskipTests). Results: provisioning/target/ingest-benchmark.md.
set -e
cd "$(dirname "$0")/../.."
EVENTS=${1:-50000}
ROUNDS=${2:-2}
[ $# -gt 2 ] && shift 2 || shift $#
mkdir -p provisioning/target
echo "uptime before: $(uptime)" | tee -a provisioning/target/ingest-benchmark.md
nice -n 10 mvn -B -q -pl provisioning test -Dtest=IngestBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
    -Dcheckstyle.skip -Dstampbox.benchmark=true -Dstampbox.benchmark.events="$EVENTS" \
    -Dstampbox.benchmark.rounds="$ROUNDS" "$@"
echo "uptime after: $(uptime)" | tee -a provisioning/target/ingest-benchmark.md
