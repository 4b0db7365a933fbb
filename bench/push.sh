#!/usr/bin/env bash
# Durable user→user push benchmark (see bench/lib.sh for what a run does):
#   bench/push.sh [h2|mariadb] [runs] [extra bench-push options, e.g. --senders 64 --receivers 500 --seconds 20]
# The server hashes passwords with 10,000 PBKDF2 iterations here: that only makes the setup's sync and login
# of many users quicker.
source "$(dirname "$0")/lib.sh"
db="${1:-h2}"; runs="${2:-3}"; shift $(( $# > 2 ? 2 : $# )) || true
run_bench "$db" "$runs" bench-push --ws "127.0.0.1:$WS_PORT" "$@"
