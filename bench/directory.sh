#!/usr/bin/env bash
# Directory benchmark (issue #3; see bench/lib.sh for what a run does): syncs --orgs orgs (default 2,000) in
# --depth levels (8) and --users users (100,000), each linked to an org, from --clients connections (64),
# then times getOrgInfo for a user of that tenant.
#   bench/directory.sh [h2|mariadb] [runs] [extra bench-directory options]
# By default members are synced without passwords (a directory feed); --passwords all hashes one per user
# at BENCH_PASSWORD_ITERATIONS (default here 10,000; the server default is 210,000).
source "$(dirname "$0")/lib.sh"
db="${1:-mariadb}"; runs="${2:-1}"; shift $(( $# > 2 ? 2 : $# )) || true
run_bench "$db" "$runs" bench-directory "$@"
