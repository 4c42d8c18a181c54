#!/usr/bin/env bash
# Runs one Gatling simulation against the cluster started by load-tests/bench/cluster.sh: passes every node's URL
# (bench.wsUrls), all server pids (their CPU is added up, and shown per node), the Cassandra child's pid, and
# Redis's pid and port (its CPU and INFO commandstats, reported separately). Then prints the simulation's result
# lines and Gatling's per-request table.
#   load-tests/bench/run-cluster-simulation.sh GroupFanoutSimulation -Dbench.messagesPerSecond=100 ...
# NODES_USED=k uses only the first k nodes (their URLs and pids).
set -euo pipefail
cd "$(dirname "$0")/../.."
SIM=$1; shift
# shellcheck disable=SC1091
source /tmp/bench-cluster/cluster.env
URLS=$WS_URLS
PIDS=$SERVER_PIDS
if [[ -n ${NODES_USED:-} ]]; then
  URLS=$(echo "$WS_URLS" | cut -d, -f1-"$NODES_USED"); PIDS=$(echo "$SERVER_PIDS" | cut -d, -f1-"$NODES_USED")
fi
mkdir -p load-tests/target/bench-results
LOG=load-tests/target/bench-results/$SIM-$(date +%Y%m%d-%H%M%S).log
status=0
./mvnw -B -o -q -pl load-tests -Pbenchmark gatling:test -Dgatling.simulationClass="nl.klaslijn.load.$SIM" \
  -Dbench.wsUrls="$URLS" -Dbench.httpUrl=http://127.0.0.1:18080 -Dbench.serverPid="$PIDS" \
  -Dbench.cassandraPid="$CASSANDRA_PID" -Dbench.redisPid="$REDIS_PID" -Dbench.redisPort="$REDIS_PORT" "$@" >"$LOG" 2>&1 || status=$?
sed -n "/^==== $SIM/,/^results written/p" "$LOG"
REPORT=$(ls -td load-tests/target/gatling/"$(echo "$SIM" | tr 'A-Z' 'a-z')"-* 2>/dev/null | head -1)
[[ -n $REPORT ]] && { load-tests/bench/report-table.py "$REPORT/index.html" || true; }
echo "Gatling report: $REPORT/index.html; console log: $LOG; exit status $status"
exit $status
