#!/usr/bin/env bash
# Connection stress (R11): starts the server jar on loopback (embedded H2), opens N authenticated WebSocket
# sessions from several 127.0.0.x source addresses, holds them with heartbeats, optionally churns them,
# and prints the sessions held, connect rate, failures, server heap and RSS (RSS growth per session).
#   bench/connections.sh [sessions] [churn per second] [seconds] [extra options, e.g. --protocol tcp]
# Needs `ulimit -n` above the session count for both processes (the machine's hard limit here is 20000).
set -euo pipefail
cd "$(dirname "$0")/.."
sessions="${1:-19000}"; churn="${2:-0}"; seconds="${3:-60}"; shift $(( $# > 3 ? 3 : $# )) || true
: "${JAVA_HOME:=/usr/lib/jvm/temurin-25-jdk-amd64}"; export JAVA_HOME
JAVA="$JAVA_HOME/bin/java"
ulimit -n "$(ulimit -Hn)"
[ -f bootstrap/target/appmsg.jar ] && [ -f bench/target/appmsg-bench.jar ] || ./mvnw -B -q package -DskipTests
key="bench-admin-key-$$"; data=$(mktemp -d)
APPMSG_HTTP_HOST=127.0.0.1 APPMSG_HTTP_PORT=18090 APPMSG_WS_HOST=0.0.0.0 APPMSG_WS_PORT=16968 APPMSG_TCP_PORT=16969 APPMSG_ADMIN_PORT=18091 \
  APPMSG_DATA_DIR="$data" APPMSG_ADMIN_KEY="$key" APPMSG_PASSWORD_ITERATIONS=10000 \
  "$JAVA" -Xmx1g ${BENCH_SERVER_OPTS:-} -jar bootstrap/target/appmsg.jar >"$data/server.log" 2>&1 &
server=$!
trap 'kill -TERM $server 2>/dev/null; wait $server 2>/dev/null; rm -rf "$data"' EXIT
for _ in $(seq 1 120); do grep -q "ready in" "$data/server.log" && break; sleep 0.5; done
grep -q "ready in" "$data/server.log" || { cat "$data/server.log"; exit 1; }
"$JAVA" -Xmx512m -jar bench/target/appmsg-bench.jar bench-connections --api 127.0.0.1:18090 --ws 127.0.0.1:16968 \
  --tcp 127.0.0.1:16969 --admin 127.0.0.1:18091 --admin-key "$key" --sessions "$sessions" --churn "$churn" --seconds "$seconds" \
  --label "sessions=$sessions churn=$churn" "$@" 2>&1 | grep -E "RESULT|ramp-up|held=|ERROR|Exception" || true
if grep -qE "level=(WARN|ERROR)" "$data/server.log"; then
  grep -E "level=(WARN|ERROR)" "$data/server.log" | grep -v "admin key" | head -5
fi
