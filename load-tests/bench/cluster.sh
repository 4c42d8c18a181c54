#!/usr/bin/env bash
# Starts / stops a chat cluster for benchmarks, on loopback only:
#   Redis (devstack's RedisServer through nl.klaslijn.devstack.redis.RedisMain: Debian's redis-server if installed,
#   else the Redis 6.2 binary of embedded-redis, classic pub/sub), node 1 with the embedded Cassandra child, and
#   nodes 2..N connected to that Cassandra; all with klaslijn.chat.broker=redis.
#   load-tests/bench/cluster.sh start N   -> waits for /health of every node, prints the pids
#   load-tests/bench/cluster.sh stop      -> SIGTERM to nodes N..1 (node 1 stops its Cassandra child), then Redis
#   load-tests/bench/cluster.sh env       -> prints the pids/ports again (as shell assignments)
# Node i (1-based) listens on 18080+i-1. Every node allows the origins of all nodes (Gatling sends
# Origin: http://127.0.0.1:<port>). State in /tmp/bench-cluster/ (pids, logs, cluster.env). Cassandra data in
# /tmp/bench-cassandra (deleted on start unless KEEP_DATA=1). Heaps: server -Xmx1g (SERVER_HEAP), Cassandra 512m.
# Extra JVM flags for every node: JAVA_OPTS="-XX:..." ("%i" in them becomes the node's number, e.g. for a JFR file).
set -euo pipefail
cd "$(dirname "$0")/../.."
JAVA=${JAVA:-/usr/lib/jvm/temurin-25-jdk-amd64/bin/java}
JAR=${JAR:-chat-server/target/klaslijn-chat-server-0.1.0-local.jar}
BASE_PORT=${BASE_PORT:-18080}
REDIS_PORT=${REDIS_PORT:-16379}
SERVER_HEAP=${SERVER_HEAP:-1g}
DIR=/tmp/bench-cluster
ENVFILE=$DIR/cluster.env

alive() { [[ -n ${1:-} ]] && kill -0 "$1" 2>/dev/null; }
wait_health() { # port pid log
  for _ in $(seq 1 240); do
    if curl -fsS "http://127.0.0.1:$1/health" >/dev/null 2>&1; then return 0; fi
    alive "$2" || { echo "node on port $1 died, see $3"; tail -30 "$3"; return 1; }
    sleep 1
  done
  echo "node on port $1 not healthy after 240 s, see $3"; return 1
}

case "${1:-}" in
start)
  N=${2:?usage: $0 start N}
  mkdir -p $DIR
  if [[ -f $ENVFILE ]]; then
    # shellcheck disable=SC1090
    source $ENVFILE
    for p in ${SERVER_PIDS//,/ } ${REDIS_MAIN_PID:-}; do
      alive "$p" && { echo "cluster already running (pid $p); stop it first"; exit 1; }
    done
  fi
  [[ ${KEEP_DATA:-0} == 1 ]] || rm -rf /tmp/bench-cassandra
  ORIGINS=$(for i in $(seq 1 "$N"); do printf 'http://127.0.0.1:%d,' $((BASE_PORT + i - 1)); done | sed 's/,$//')
  WS_URLS=$(for i in $(seq 1 "$N"); do printf 'ws://127.0.0.1:%d,' $((BASE_PORT + i - 1)); done | sed 's/,$//')

  # Redis first: a node does not start without its broker.
  nohup "$JAVA" -Xmx64m -cp "$JAR" -Dloader.main=nl.klaslijn.devstack.redis.RedisMain \
    org.springframework.boot.loader.launch.PropertiesLauncher "$REDIS_PORT" >$DIR/redis.log 2>&1 &
  REDIS_MAIN_PID=$!
  for _ in $(seq 1 60); do grep -q '^REDIS_VERSION=' $DIR/redis.log && break; alive $REDIS_MAIN_PID || break; sleep 0.5; done
  grep -q '^REDIS_VERSION=' $DIR/redis.log || { echo "Redis did not start, see $DIR/redis.log"; tail -20 $DIR/redis.log; exit 1; }
  REDIS_PID=$(sed -n 's/^REDIS_PID=//p' $DIR/redis.log)
  REDIS_VERSION=$(sed -n 's/^REDIS_VERSION=//p' $DIR/redis.log)

  EXTRA_OPTS=${JAVA_OPTS:-}
  # The dev profile's development keys (BenchSetup signs with the same key); node i's internal API on port + 10.
  COMMON=(--spring.profiles.active=dev --klaslijn.chat.broker=redis --klaslijn.redis.uri=redis://127.0.0.1:$REDIS_PORT --klaslijn.demo.enabled=false
    --klaslijn.chat.sends-per-second=1000 --klaslijn.chat.send-burst=1000 --klaslijn.chat.allowed-origins=$ORIGINS)
  PIDS=()
  for i in $(seq 1 "$N"); do
    port=$((BASE_PORT + i - 1))
    if [[ $i == 1 ]]; then
      CASS=(--klaslijn.cassandra.embedded.enabled=true --klaslijn.cassandra.embedded.data-directory=/tmp/bench-cassandra
        --klaslijn.cassandra.embedded.port=19142)
    else
      CASS=(--klaslijn.cassandra.embedded.enabled=false --klaslijn.cassandra.contact-points=127.0.0.1:19142)
    fi
    # shellcheck disable=SC2086
    nohup "$JAVA" -Xmx$SERVER_HEAP -XX:+UseSerialGC --enable-native-access=ALL-UNNAMED ${EXTRA_OPTS//%i/$i} -jar "$JAR" \
      --klaslijn.chat.node-id=$i --klaslijn.chat.port=$port --klaslijn.chat.internal.port=$((port + 10)) \
      "${CASS[@]}" "${COMMON[@]}" >$DIR/node$i.log 2>&1 &
    PIDS+=($!)
    # Node 1 creates the keyspace and schema in its Cassandra: the others start once it is healthy.
    if [[ $i == 1 ]]; then wait_health $port ${PIDS[0]} $DIR/node1.log || exit 1; fi
  done
  for i in $(seq 2 "$N"); do wait_health $((BASE_PORT + i - 1)) ${PIDS[$((i - 1))]} $DIR/node$i.log || exit 1; done
  CASSANDRA_PID=$(pgrep -P "${PIDS[0]}" java || echo 0)
  SERVER_PIDS=$(IFS=,; echo "${PIDS[*]}")
  cat >$ENVFILE <<END
NODES=$N
SERVER_PIDS=$SERVER_PIDS
CASSANDRA_PID=$CASSANDRA_PID
REDIS_PID=$REDIS_PID
REDIS_MAIN_PID=$REDIS_MAIN_PID
REDIS_PORT=$REDIS_PORT
REDIS_VERSION=$REDIS_VERSION
WS_URLS=$WS_URLS
END
  for i in $(seq 1 "$N"); do echo "node $i: $(curl -fsS "http://127.0.0.1:$((BASE_PORT + i - 1))/health")"; done
  cat $ENVFILE
  ;;
env)
  cat $ENVFILE
  ;;
stop)
  [[ -f $ENVFILE ]] || { echo "no $ENVFILE"; exit 0; }
  # shellcheck disable=SC1090
  source $ENVFILE
  IFS=, read -r -a PIDS <<<"$SERVER_PIDS"
  for ((i = ${#PIDS[@]} - 1; i >= 0; i--)); do alive "${PIDS[$i]}" && kill -TERM "${PIDS[$i]}"; done
  for p in "${PIDS[@]}"; do
    for _ in $(seq 1 60); do alive "$p" || break; sleep 1; done
    alive "$p" && echo "node pid $p still running"
  done
  if alive "$REDIS_MAIN_PID"; then
    kill -TERM "$REDIS_MAIN_PID"
    for _ in $(seq 1 20); do alive "$REDIS_MAIN_PID" || break; sleep 0.5; done
  fi
  alive "$REDIS_PID" && echo "redis-server $REDIS_PID still running"
  rm -f $ENVFILE
  echo "stopped"
  ;;
*) echo "usage: $0 start N | stop | env"; exit 2 ;;
esac
