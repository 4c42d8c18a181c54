#!/usr/bin/env bash
# Benchmark 2 (docs/benchmarks.md, section 4) end to end on one node: a fresh server, 20 groups x 30
# members, one discarded warm-up run, then the measured runs with 1 and 2 connections per member.
#   load-tests/bench/group-cpu.sh                     # the jar in chat-server/target
#   JAR=/tmp/other-exec.jar load-tests/bench/group-cpu.sh
#   SERVER_ARGS="--klaslijn.chat.io-threads=2" load-tests/bench/group-cpu.sh
#   WARMUP=240 load-tests/bench/group-cpu.sh           # seconds of discarded traffic first (default 60); Cassandra
#                                                      # needs minutes to warm up (docs/benchmarks.md, 10.2)
# Prints each run's result lines (server CPU per message and per delivery, per thread, Cassandra's share).
set -euo pipefail
cd "$(dirname "$0")/../.."
RATE=${RATE:-100}
trap 'load-tests/bench/server.sh stop >/dev/null 2>&1 || true' EXIT
load-tests/bench/server.sh start
./mvnw -B -o -q -pl load-tests exec:java \
  -Dexec.args="groups --groups 20 --size 30 --out load-tests/target/bench-data/groups.csv"
load-tests/bench/run-simulation.sh GroupFanoutSimulation -Dbench.warmupSeconds="${WARMUP:-60}" -Dbench.durationSeconds=20 >/dev/null
MAX_WAIT=${MAX_WAIT:-60} load-tests/bench/wait-quiet.sh || true
for devices in 1 2; do
  load-tests/bench/run-simulation.sh GroupFanoutSimulation -Dbench.messagesPerSecond="$RATE" \
    -Dbench.warmupSeconds=30 -Dbench.durationSeconds=60 -Dbench.devicesPerMember="$devices"
done
