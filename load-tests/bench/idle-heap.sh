#!/usr/bin/env bash
# Benchmark 1: server heap per idle authenticated connection (subscribed to /user/events and /user/replies).
#   load-tests/bench/idle-heap.sh SERVER_PID N [more -Dbench.* arguments for IdleConnectionsSimulation]
# Needs: a running server (load-tests/bench/server.sh start) and the feeder
#   ./mvnw -q -pl load-tests exec:java -Dexec.args="idle --users N --out load-tests/target/bench-data/idle.csv"
# Measures, each after a full GC (jcmd GC.run, then GC.heap_info; and GC.class_histogram, which also runs a
# full GC first): heap used with 0 connections, with N connections held (when /health reports N, plus 10 s),
# and with 0 again after the simulation closed them. bytes/connection = (used(N) - used(0 before)) / N.
set -euo pipefail
export LC_ALL=C
cd "$(dirname "$0")/../.."
PID=$1; N=$2; shift 2
JCMD=${JCMD:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/jcmd}
PORT=${PORT:-18080}
OUT=load-tests/target/bench-results/idle-heap-$(date +%Y%m%d-%H%M%S)
mkdir -p "$OUT"

connections() { curl -fsS "http://127.0.0.1:$PORT/health" | sed -E 's/.*"connections":([0-9]+).*/\1/'; }
heap_used_kb() { awk '/^(DefNew|Tenured|def new generation|tenured generation)/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i+1); sub(/K,?/, "", v); s += v } } END { print s }' "$1"; }
measure() { # $1 = label
  "$JCMD" "$PID" GC.run >/dev/null
  "$JCMD" "$PID" GC.heap_info >"$OUT/heap-$1.txt"
  "$JCMD" "$PID" GC.class_histogram >"$OUT/histo-$1.txt"
  local kb; kb=$(heap_used_kb "$OUT/heap-$1.txt")
  # Live bytes by class histogram, without the GC's filler arrays (jdk.internal.vm.FillerElement: dead space, not objects).
  local histo; histo=$(awk '/^Total/ { t = $3 } /FillerElement/ { f += $3 } END { print t - f }' "$OUT/histo-$1.txt")
  local rss; rss=$(awk '/VmRSS/ { print $2 }' /proc/"$PID"/status)
  local fds; fds=$(ls /proc/"$PID"/fd | wc -l)
  echo "$1 connections=$(connections) heap_used_kb=$kb histogram_bytes=$histo rss_kb=$rss open_fds=$fds" | tee -a "$OUT/summary.txt"
}

measure zero-before
./mvnw -B -q -pl load-tests -Pbenchmark gatling:test -Dgatling.simulationClass=nl.klaslijn.load.IdleConnectionsSimulation \
  -Dbench.connections="$N" "$@" >"$OUT/gatling.log" 2>&1 &
MVN=$!
for _ in $(seq 1 400); do
  c=$(connections || echo 0)
  [[ $c -ge $N ]] && break
  kill -0 $MVN 2>/dev/null || { echo "simulation ended before $N connections (at $c); see $OUT/gatling.log"; break; }
  sleep 1
done
sleep 10
measure "n$N"
wait $MVN || echo "simulation exit code $? (see $OUT/gatling.log)"
sleep 5
measure zero-after

awk -v n="$N" '
  /^zero-before/ { for (i = 1; i <= NF; i++) { split($i, kv, "="); b[kv[1]] = kv[2] } }
  /^n[0-9]/      { for (i = 1; i <= NF; i++) { split($i, kv, "="); m[kv[1]] = kv[2] } }
  END {
    c = m["connections"]
    printf "held %d connections: live heap (class histogram after full GC) +%.2f MiB = %.0f bytes/connection; heap used (GC.heap_info after GC.run) +%.2f MiB = %.0f bytes/connection; RSS +%.1f MiB = %.0f bytes/connection\n",
      c, (m["histogram_bytes"] - b["histogram_bytes"]) / 1048576, (m["histogram_bytes"] - b["histogram_bytes"]) / c,
      (m["heap_used_kb"] - b["heap_used_kb"]) / 1024, (m["heap_used_kb"] - b["heap_used_kb"]) * 1024 / c, (m["rss_kb"] - b["rss_kb"]) / 1024, (m["rss_kb"] - b["rss_kb"]) * 1024 / c
  }' "$OUT/summary.txt" | tee -a "$OUT/summary.txt"

# Which classes grew, per connection (top 25 by bytes).
join -j 1 \
  <(awk '$1 ~ /^[0-9]+:$/ { print $4, $2, $3 }' "$OUT/histo-zero-before.txt" | sort -k1,1) \
  <(awk '$1 ~ /^[0-9]+:$/ { print $4, $2, $3 }' "$OUT/histo-n$N.txt" | sort -k1,1) -a 2 -e 0 -o 0,1.2,1.3,2.2,2.3 \
  | awk -v n="$(awk '/^n[0-9]/ { for (i = 1; i <= NF; i++) { split($i, kv, "="); if (kv[1] == "connections") print kv[2] } }' "$OUT/summary.txt")" \
      '$1 !~ /FillerElement/ { d = $5 - $3; if (d > 0) printf "%10.1f B/conn %8.2f inst/conn  %s\n", d / n, ($4 - $2) / n, $1 }' \
  | sort -rn | head -25 | tee "$OUT/histo-delta.txt"
tail -40 "$OUT/gatling.log" | grep -E "^> |connected and subscribed" >"$OUT/gatling-summary.txt" || true
grep -E "connected and subscribed" "$OUT/gatling.log" || true
echo "details in $OUT"
