#!/usr/bin/env bash
# Connection stress (R11): starts the server jar on loopback (embedded H2), opens N authenticated WebSocket
# sessions from several 127.0.0.x source addresses, holds them with heartbeats, optionally churns them,
# and prints the sessions held, connect rate, failures, server heap and RSS (RSS growth per session).
#   bench/connections.sh [sessions] [churn per second] [seconds] [extra options, e.g. --protocol tcp]
# Needs `ulimit -n` above the session count for both processes (the machine's hard limit here is 20000; lib.sh
# raises the soft limit to it). Ports and SERVER_ENV as in bench/lib.sh.
source "$(dirname "$0")/lib.sh"
sessions="${1:-19000}"; churn="${2:-0}"; seconds="${3:-60}"; shift $(( $# > 3 ? 3 : $# )) || true
data=$(mktemp -d)
start_server "$JAR" h2 "$data"
trap 'stop_server "$data" "connections"; rm -rf "$data"' EXIT
"$JAVA" -Xmx512m -jar "$TOOL" bench-connections --api "127.0.0.1:$HTTP_PORT" --ws "127.0.0.1:$WS_PORT" \
  --tcp "127.0.0.1:$TCP_PORT" --admin "127.0.0.1:$ADMIN_PORT" --admin-key "$BENCH_KEY" --sessions "$sessions" \
  --churn "$churn" --seconds "$seconds" --label "sessions=$sessions churn=$churn" "$@" 2>&1 \
  | grep -E "RESULT|ramp-up|held=|ERROR|Exception" || true
