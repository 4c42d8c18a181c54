#!/usr/bin/env bash
# Starts / stops the chat server for benchmarks (one node + its own local Cassandra child JVM).
#   load-tests/bench/server.sh start   -> waits for /health, prints SERVER_PID and CASSANDRA_PID
#   load-tests/bench/server.sh stop    -> SIGTERM to the server (it stops its Cassandra child), waits
# Gatling's WebSocket client sends Origin: http://127.0.0.1:PORT (like a browser), so that origin is allowed.
# Extra server flags: SERVER_ARGS="--klaslijn.chat.x=y ...", extra JVM flags: JAVA_OPTS="-XX:...".
# State in /tmp/bench-server.{pid,log}. Data in /tmp/bench-cassandra (deleted on start unless KEEP_DATA=1).
set -euo pipefail
cd "$(dirname "$0")/../.."
JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
PORT=${PORT:-18080}
# Another build of the server can be measured with JAR=/path/to/klaslijn-chat-server-0.1.0-local.jar.
JAR=${JAR:-chat-server/target/klaslijn-chat-server-0.1.0-local.jar}
PIDFILE=/tmp/bench-server.pid
LOG=/tmp/bench-server.log

case "${1:-}" in
start)
  if [[ -f $PIDFILE ]] && kill -0 "$(cat $PIDFILE)" 2>/dev/null; then
    echo "server already running: pid $(cat $PIDFILE)"; exit 1
  fi
  [[ ${KEEP_DATA:-0} == 1 ]] || rm -rf /tmp/bench-cassandra
  nohup "$JAVA" -Xmx1g -XX:+UseSerialGC --enable-native-access=ALL-UNNAMED ${JAVA_OPTS:-} \
    -jar "$JAR" \
    --klaslijn.chat.port=$PORT --klaslijn.chat.sends-per-second=1000 --klaslijn.chat.send-burst=1000 \
    --spring.profiles.active=dev --klaslijn.chat.internal.port=$((PORT + 10)) \
    --klaslijn.chat.allowed-origins=http://127.0.0.1:$PORT --klaslijn.demo.enabled=false --klaslijn.cassandra.embedded.data-directory=/tmp/bench-cassandra \
    --klaslijn.cassandra.embedded.port=19142 ${SERVER_ARGS:-} >"$LOG" 2>&1 &
  echo $! >$PIDFILE
  for _ in $(seq 1 180); do
    if curl -fsS "http://127.0.0.1:$PORT/health" >/dev/null 2>&1; then break; fi
    kill -0 "$(cat $PIDFILE)" 2>/dev/null || { echo "server died, see $LOG"; tail -30 "$LOG"; exit 1; }
    sleep 1
  done
  curl -fsS "http://127.0.0.1:$PORT/health"; echo
  echo "SERVER_PID=$(cat $PIDFILE)"
  echo "CASSANDRA_PID=$(pgrep -P "$(cat $PIDFILE)" java || pgrep -P "$(cat $PIDFILE)")"
  ;;
stop)
  [[ -f $PIDFILE ]] || { echo "no pid file"; exit 0; }
  pid=$(cat $PIDFILE)
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid"
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 1; done
  fi
  kill -0 "$pid" 2>/dev/null && { echo "server $pid still running"; exit 1; }
  rm -f $PIDFILE
  echo "stopped"
  ;;
*) echo "usage: $0 start|stop"; exit 2 ;;
esac
