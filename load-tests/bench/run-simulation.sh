#!/usr/bin/env bash
# Runs one Gatling simulation against the server started by load-tests/bench/server.sh, passing its pid and
# its Cassandra child's pid (for the CPU readings), then prints the simulation's own result lines and the
# per-request table of Gatling's report.
#   load-tests/bench/run-simulation.sh GroupFanoutSimulation -Dbench.messagesPerSecond=100 ...
set -euo pipefail
cd "$(dirname "$0")/../.."
SIM=$1; shift
PID=$(cat /tmp/bench-server.pid)
CPID=$(pgrep -P "$PID" java)
mkdir -p load-tests/target/bench-results
LOG=load-tests/target/bench-results/$SIM-$(date +%Y%m%d-%H%M%S).log
status=0
./mvnw -B -q -pl load-tests -Pbenchmark gatling:test -Dgatling.simulationClass="nl.klaslijn.load.$SIM" \
  -Dbench.serverPid="$PID" -Dbench.cassandraPid="$CPID" "$@" >"$LOG" 2>&1 || status=$?
sed -n "/^==== $SIM/,/^results written/p" "$LOG"
REPORT=$(ls -td load-tests/target/gatling/"$(echo "$SIM" | tr 'A-Z' 'a-z')"-* | head -1)
load-tests/bench/report-table.py "$REPORT/index.html" || true
echo "Gatling report: $REPORT/index.html; console log: $LOG; exit status $status"
exit $status
