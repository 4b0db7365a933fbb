#!/usr/bin/env bash
# Group chat benchmark (issue #5; see bench/lib.sh for what a run does): syncs --members users (default 1,000,
# with passwords), logs each in and connects each over WebSocket, creates one group of all of them, then
# --senders 4 members send --messages 200 text messages (after --warmup 20) to {qid}@qun through
# /app/client/device/push; every member's session but the sending device receives each one live.
#   bench/group.sh [h2|mariadb] [runs] [extra bench-group options, e.g. --senders 16 --messages 400]
source "$(dirname "$0")/lib.sh"
db="${1:-mariadb}"; runs="${2:-3}"; shift $(( $# > 2 ? 2 : $# )) || true
run_bench "$db" "$runs" bench-group --ws "127.0.0.1:$WS_PORT" "$@"
