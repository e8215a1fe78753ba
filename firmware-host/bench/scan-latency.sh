#!/usr/bin/env bash
# Issue 2's benchmark: pty -> 'accepted' latency (counter pace and bursts) and disk bytes per scan.
# Usage: bash firmware-host/bench/scan-latency.sh [scans-per-phase, default 1000]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
. "$root/firmware-host/scripts/prerequisites.sh"
need_tools java javac mvn socat
cd "$root"
mvn -q -B -ntp -DskipTests package test-compile
mvn -q -B -ntp -pl firmware-host dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test
cp="firmware-host/target/test-classes:firmware-host/target/classes:$(cat firmware-host/target/bench.classpath)"
exec java -cp "$cp" io.stampbox.bench.ScanLatencyBench "${1:-1000}" firmware-host/target/stampbox-host.jar
