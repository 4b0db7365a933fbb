#!/usr/bin/env bash
# Application push benchmark (issue #5; see bench/lib.sh for what a run does): syncs --users users (default
# 10,000, without passwords except the --connected 2,000 that sign in) into a root org with --orgs 10
# children, connects those 2,000 over WebSocket, then pushes --messages 20 application messages (after
# --warmup 2) one after another through /app/client/app/user/push to every user: --target tenant
# ({tenant}@tenant, the default), org (the root org's subtree) or users (1,000 @user names per request).
#   bench/app-push.sh [h2|mariadb] [runs] [extra bench-app-push options, e.g. --target users]
source "$(dirname "$0")/lib.sh"
db="${1:-mariadb}"; runs="${2:-3}"; shift $(( $# > 2 ? 2 : $# )) || true
run_bench "$db" "$runs" bench-app-push --ws "127.0.0.1:$WS_PORT" "$@"
