#!/bin/sh
# Fleet simulation benchmark (not a test; issue 16): N simulated units (real PahoUplink, Drainer, FleetAgent each)
# in one JVM against one mosquitto and a 3-node NATS cluster; config fan-out p50/p99, a reconnect storm with B
# buffered scans per unit until all are in PostgreSQL (stampbox-ingest), brokers' peak CPU, heap per unit.
# See firmware-host/docs/benchmarks.md, "Fleet simulation".
#   bash provisioning/bench/fleet-sim.sh [units] [backlog] [brokers] [extra mvn args...]
#   e.g. bash provisioning/bench/fleet-sim.sh 2000 100 mosquitto,nats -o -Dmaven.repo.local=/work/m2-me
# Needs mosquitto, nats-server on the PATH, PostgreSQL on 127.0.0.1:5432 (trust) and the daemon installed in the
# local Maven repository (mvn -pl firmware-host install -DskipTests). Results: provisioning/target/fleet-sim.md.
set -e
cd "$(dirname "$0")/../.."
UNITS=${1:-2000}
BACKLOG=${2:-1000}
BROKERS=${3:-mosquitto,nats}
[ $# -gt 3 ] && shift 3 || shift $#
# Each unit is ~8 threads (Paho's receiver, sender, callback and ping timer, the uplink's owner and dispatcher, the
# drainer, the fleet agent): 2,000 units are ~16,000 threads. Small stacks keep the reserved memory down; the
# process needs that many tasks (ulimit -u, kernel.pid_max, kernel.threads-max).
# Stop a run with kill -9 on its surefire JVM (ps: surefirebooter): with 16,000 busy threads a SIGTERM took minutes.
THREADS=$((UNITS * 9 + 2000))
echo "fleet-sim: $UNITS units x $BACKLOG scans on $BROKERS; needs ~$THREADS threads:" \
    "ulimit -u $(ulimit -u), ulimit -n $(ulimit -n), pid_max $(cat /proc/sys/kernel/pid_max)," \
    "threads-max $(cat /proc/sys/kernel/threads-max), tasks now $(ls /proc | grep -c '^[0-9]')"
# Descriptors: each unit's socket plus both ends of its connection in the outage proxy, in one JVM.
FILES=$((UNITS * 3 + 1000))
if [ "$(ulimit -n)" != unlimited ] && [ "$(ulimit -n)" -lt $FILES ]; then
    ulimit -n $FILES || { echo "fleet-sim: raise ulimit -n to $FILES" >&2; exit 1; }
fi
mkdir -p provisioning/target
echo "uptime before: $(uptime)" | tee -a provisioning/target/fleet-sim.md
nice -n 10 mvn -B -q -pl provisioning test -Dtest=FleetSimBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
    -Dcheckstyle.skip -Dstampbox.benchmark=true -Dstampbox.benchmark.units="$UNITS" \
    -Dstampbox.benchmark.backlog="$BACKLOG" -Dstampbox.benchmark.brokers="$BROKERS" \
    -DargLine="-Xss256k -Xms1g -Xmx${FLEET_SIM_XMX:-4g} -XX:+UseParallelGC" \
    -Dsurefire.timeout=0 "$@"
echo "uptime after: $(uptime)" | tee -a provisioning/target/fleet-sim.md
