#!/usr/bin/env bash
# Concurrent idle connections over the nodes of load-tests/bench/cluster.sh, from several load-generator processes
# (one Gatling JVM may hold ~19,900 sockets: 20,000 open files per process here).
#   load-tests/bench/cluster-idle.sh TOTAL PROCESSES [more -Dbench.* arguments for IdleConnectionsSimulation]
# Process p (0-based) takes feeder rows p*TOTAL/PROCESSES .. (p+1)*TOTAL/PROCESSES (bench.feederSkip), spreads its
# connections round-robin over all nodes, and binds its own source addresses 127.0.0.(2+2p) and 127.0.0.(3+2p)
# (~28,000 ephemeral ports each). Polls every node's /health each second and reports the highest total held, the
# per-node counts at that moment, open files and RSS of every node, and each process's own result line.
# Needs the feeder: ./mvnw -q -pl load-tests exec:java -Dexec.args="idle --users TOTAL --out load-tests/target/bench-data/idle.csv"
set -euo pipefail
export LC_ALL=C
cd "$(dirname "$0")/../.."
TOTAL=$1; PROCS=$2; shift 2
# shellcheck disable=SC1091
source /tmp/bench-cluster/cluster.env
IFS=, read -r -a PIDS <<<"$SERVER_PIDS"
OUT=load-tests/target/bench-results/cluster-idle-$(date +%Y%m%d-%H%M%S)
mkdir -p "$OUT"
PER=$((TOTAL / PROCS))
# Compile once, so the parallel runs do not compile into the same directory at the same time.
./mvnw -B -o -q -pl load-tests -Pbenchmark test-compile
MVNS=()
for ((p = 0; p < PROCS; p++)); do
  ./mvnw -B -o -q -pl load-tests -Pbenchmark gatling:test -Dgatling.simulationClass=nl.klaslijn.load.IdleConnectionsSimulation \
    -Dbench.wsUrls="$WS_URLS" -Dbench.httpUrl=http://127.0.0.1:18080 -Dbench.connections=$PER -Dbench.feederSkip=$((p * PER)) \
    -Dbench.localAddresses=127.0.0.$((2 + 2 * p)),127.0.0.$((3 + 2 * p)) "$@" >"$OUT/gatling-$p.log" 2>&1 &
  MVNS+=($!)
  sleep 3
done
best=0
while :; do
  running=0
  for m in "${MVNS[@]}"; do kill -0 "$m" 2>/dev/null && running=1; done
  line="$(date +%T)"; sum=0
  for ((i = 0; i < ${#PIDS[@]}; i++)); do
    c=$(curl -fsS -m 2 "http://127.0.0.1:$((18080 + i))/health" | sed -E 's/.*"connections":([0-9]+).*/\1/' || echo "?")
    fds=$(ls /proc/"${PIDS[$i]}"/fd 2>/dev/null | wc -l); rss=$(awk '/VmRSS/ { print $2 }' /proc/"${PIDS[$i]}"/status 2>/dev/null || echo "?")
    line="$line node$((i + 1))=$c fds=$fds rss_kb=$rss"
    [[ $c =~ ^[0-9]+$ ]] && sum=$((sum + c))
  done
  line="$line total=$sum load=$(cut -d' ' -f1 /proc/loadavg)"
  echo "$line" >>"$OUT/poll.txt"
  if ((sum > best)); then best=$sum; echo "$line" >"$OUT/best.txt"; fi
  ((running)) || break
  sleep 1
done
echo "highest total held: $(cat "$OUT/best.txt")" | tee "$OUT/summary.txt"
for ((p = 0; p < PROCS; p++)); do
  grep -E "connections requested|per node" "$OUT/gatling-$p.log" | sed "s/^/process $p: /" | tee -a "$OUT/summary.txt" || true
  grep -E "^> |KO" "$OUT/gatling-$p.log" | head -5 | sed "s/^/process $p: /" | tee -a "$OUT/summary.txt" || true
done
echo "details in $OUT"
