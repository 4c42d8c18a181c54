#!/usr/bin/env bash
# The machine has 2 cores shared with whatever else runs (other builds and their test JVMs). Waits until the
# processes other than the benchmark server and its Cassandra use less than MAX_OTHER_CORES (0.3) cores over
# 5 s, for at most MAX_WAIT seconds (900); prints what it saw. Exit 1 if it never got quiet.
#   load-tests/bench/wait-quiet.sh [SERVER_PID]
#   load-tests/bench/wait-quiet.sh cluster     (the processes of load-tests/bench/cluster.sh: nodes, Cassandra, Redis)
set -uo pipefail
PID=${1:-$(cat /tmp/bench-server.pid 2>/dev/null || echo 0)}
if [[ $PID == cluster ]]; then
  # shellcheck disable=SC1091
  source /tmp/bench-cluster/cluster.env
  PID="$SERVER_PIDS,$REDIS_PID,$REDIS_MAIN_PID"
fi
CPID=$(pgrep -P "${PID%%,*}" java 2>/dev/null || echo 0)
MAX_OTHER_CORES=${MAX_OTHER_CORES:-0.3}
MAX_WAIT=${MAX_WAIT:-900}
busy() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat; }
ticks() { # one pid or several, comma-separated: their CPU ticks added up
  local sum=0 p
  for p in ${1//,/ }; do [[ -r /proc/$p/stat ]] && sum=$((sum + $(awk '{ print $14 + $15 }' /proc/"$p"/stat))); done
  echo $sum
}
start=$(date +%s)
while :; do
  b0=$(busy); s0=$(ticks "$PID"); c0=$(ticks "$CPID")
  sleep 5
  b1=$(busy); s1=$(ticks "$PID"); c1=$(ticks "$CPID")
  other=$(awk -v b=$((b1 - b0)) -v s=$((s1 - s0)) -v c=$((c1 - c0)) 'BEGIN { printf "%.2f", (b - s - c) / 100 / 5 }')
  echo "$(date +%T) other processes: $other cores"
  if awk -v o="$other" -v m="$MAX_OTHER_CORES" 'BEGIN { exit !(o < m) }'; then exit 0; fi
  if (( $(date +%s) - start > MAX_WAIT )); then echo "never quiet within ${MAX_WAIT}s"; exit 1; fi
done
