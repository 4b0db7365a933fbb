#!/usr/bin/env bash
# Cluster benchmark (docs/operations.md, Benchmarks): starts 3 nodes of the server jar on loopback, sharing one fresh
# MariaDB database and the local Redis under a key prefix of their own, and runs the `cluster` command of the tool
# jar against them: R receivers over WebSocket, receiver i on node (i mod 3); application pushes (one recipient
# each) at a fixed open-loop rate, each to a node picked at random. It prints throughput, delivery p50/p99 split
# into same-node and cross-node, the Redis commands per push, the nodes' CPU. Then, for comparison, the same run
# against one node alone (no Redis). With --kill: one cluster run in which node 3 gets kill -9 during the measured
# window; its sessions ask /1/server/get of a live node and resume there with their last mid, and the run reports
# how many reconnected, when the last one was back, and how many acknowledged pushes never arrived. No single-node
# run then.
#   bench/cluster.sh [--rate N] [--seconds S] [--receivers R] [--kill] [--no-single] [cluster command options...]
# The nodes' ports: 18100 + 10 × node (+0 HTTP, +1 WebSocket, +2 TCP, +3 admin), BENCH_CLUSTER_PORT_BASE moves them.
# CLUSTER_LEASE_TTL (default 5) is the nodes' APPMSG_CLUSTER_LEASE_TTL: how soon a killed node counts as dead.
# BENCH_MARIADB_URL chooses the database (default appmsg_cluster_bench, dropped and recreated per start, dropped
# at the end); BENCH_REDIS (default 127.0.0.1:6379) the Redis; the keys under the run's prefix are deleted at the
# end. Output and each node's log go to bench/results/<time>-cluster/.
# Every wait is bounded; every address is 127.0.0.1.
BENCH_MARIADB_URL="${BENCH_MARIADB_URL:-jdbc:mariadb://127.0.0.1:3306/appmsg_cluster_bench?user=root}"
source "$(dirname "$0")/lib.sh"

rate=500; seconds=20; receivers=3000; kill_node=false; single=true
tool_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --rate) rate="$2"; shift 2 ;;
    --seconds) seconds="$2"; shift 2 ;;
    --receivers) receivers="$2"; shift 2 ;;
    --kill) kill_node=true; single=false; shift ;;
    --no-single) single=false; shift ;;
    *) tool_args+=("$1"); shift ;;
  esac
done
redis_at="${BENCH_REDIS:-127.0.0.1:6379}"
case "$redis_at" in 127.*|localhost:*) ;; *) echo "BENCH_REDIS must be a loopback address, not $redis_at" >&2; exit 2 ;; esac
redis_host="${redis_at%:*}"; redis_port="${redis_at##*:}"
base="${BENCH_CLUSTER_PORT_BASE:-18100}"
lease="${CLUSTER_LEASE_TTL:-5}"
db_name=$(sed -E 's#^.*/([^/?]+)(\?.*)?$#\1#' <<<"$BENCH_MARIADB_URL")
prefix="appmsg-bench-$$-$RANDOM"
results="bench/results/$(date -u +%Y%m%dT%H%M%SZ)-cluster"
mkdir -p "$results"

# Copies of the jars, so that a rebuild during the runs cannot change what is measured.
jars=$(mktemp -d)
cp bootstrap/target/appmsg.jar "$jars/appmsg.jar"
cp "$TOOL" "$jars/appmsg-bench.jar"
pids=()

redis_cmd() { redis-cli -h "$redis_host" -p "$redis_port" "$@"; }

# Deletes the run's keys (only those under its own prefix), a bounded scan.
clean_redis() {
  redis_cmd --scan --pattern "$prefix:*" | head -n 1000000 \
    | xargs -r -n 500 redis-cli -h "$redis_host" -p "$redis_port" del >/dev/null || true
}

# Stops every node still running (SIGTERM, then SIGKILL after 30 s), by the pids this script started.
stop_nodes() {
  local pid i
  for pid in "${pids[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do
    for i in $(seq 1 300); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  done
  pids=()
}

cleanup() {
  stop_nodes
  clean_redis
  mariadb -uroot -e "DROP DATABASE IF EXISTS $db_name" 2>/dev/null || true
  rm -rf "$jars"
}
trap cleanup EXIT

fresh_database() {
  mariadb -uroot -e "DROP DATABASE IF EXISTS $db_name; CREATE DATABASE $db_name CHARACTER SET utf8mb4"
}

# start_node <node 1..3> <with redis: yes|no>; appends its pid to pids
start_node() {
  local node="$1" with_redis="$2" port
  local http=$((base + 10 * node)) ws=$((base + 10 * node + 1)) tcp=$((base + 10 * node + 2)) admin=$((base + 10 * node + 3))
  for port in "$http" "$ws" "$tcp" "$admin"; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "port $port is taken by another process: move the nodes with BENCH_CLUSTER_PORT_BASE" >&2
      exit 1
    fi
  done
  local -a envs=(APPMSG_HTTP_HOST=127.0.0.1 APPMSG_HTTP_PORT="$http" APPMSG_WS_HOST=127.0.0.1 APPMSG_WS_PORT="$ws"
    APPMSG_TCP_HOST=127.0.0.1 APPMSG_TCP_PORT="$tcp" APPMSG_ADMIN_PORT="$admin" APPMSG_ADMIN_KEY="$BENCH_KEY"
    APPMSG_DB_URL="$BENCH_MARIADB_URL" APPMSG_DATA_DIR="$data/node$node" APPMSG_NODE_ID="$node"
    APPMSG_PASSWORD_ITERATIONS="${BENCH_PASSWORD_ITERATIONS:-10000}")
  if [ "$with_redis" = yes ]; then
    envs+=(APPMSG_REDIS_URL="redis://$redis_at" APPMSG_REDIS_PREFIX="$prefix" APPMSG_CLUSTER_LEASE_TTL="$lease")
  fi
  mkdir -p "$data/node$node"
  # env execs the JVM, so $! is the node's own pid (its /proc/<pid>/stat is the node's CPU time)
  # shellcheck disable=SC2086
  env -u APPMSG_REDIS_URL -u APPMSG_DB_URL "${envs[@]}" $(server_env_defaults "$jars/appmsg.jar") ${SERVER_ENV:-} \
    "$JAVA" -Xmx768m ${BENCH_SERVER_OPTS:-} -jar "$jars/appmsg.jar" >"$data/node$node.log" 2>&1 &
  pids+=($!)
}

await_nodes() {
  local node
  for node in "$@"; do
    for _ in $(seq 1 240); do grep -qs "ready in" "$data/node$node.log" && break; sleep 0.5; done
    grep -q "ready in" "$data/node$node.log" || { echo "node $node did not start:"; tail -30 "$data/node$node.log"; exit 1; }
  done
}

# run_tool <label> <nodes...> [tool options]: the cluster command against the given nodes
run_tool() {
  local label="$1" count="$2"; shift 2
  local apis="" wss="" node
  for node in $(seq 1 "$count"); do
    apis+="${apis:+,}127.0.0.1:$((base + 10 * node))"; wss+="${wss:+,}127.0.0.1:$((base + 10 * node + 1))"
  done
  local pid_list; pid_list=$(IFS=,; echo "${pids[*]}")
  "$JAVA" -Xmx1g -jar "$jars/appmsg-bench.jar" cluster --api "$apis" --ws "$wss" --admin "127.0.0.1:$((base + 13))" \
    --admin-key "$BENCH_KEY" --rate "$rate" --seconds "$seconds" --receivers "$receivers" \
    --server-pids "$pid_list" --clock-ticks "$(getconf CLK_TCK)" --label "$label" "$@" \
    ${tool_args[@]+"${tool_args[@]}"} 2>&1 | tee -a "$results/output.txt"
}

keep_logs() {
  local name="$1" node
  for node in 1 2 3; do
    [ -f "$data/node$node.log" ] && cp "$data/node$node.log" "$results/$name-node$node.log"
  done
  if grep -qE "level=(WARN|ERROR)" "$data"/node*.log 2>/dev/null; then
    echo "node warnings/errors: $results/$name-node*.log"
  fi
}

echo "cluster bench: $receivers receivers, $rate pushes/s, $seconds s measured; kill=$kill_node; results in $results" \
  | tee "$results/output.txt"
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) before the runs" | tee -a "$results/output.txt"

data=$(mktemp -d)
fresh_database
for node in 1 2 3; do start_node "$node" yes; done
await_nodes 1 2 3
echo "== 3 nodes (pids ${pids[*]}), Redis $redis_at prefix $prefix, lease TTL $lease s" | tee -a "$results/output.txt"
if [ "$kill_node" = true ]; then
  run_tool "3 nodes, kill -9 of node 3" 3 --redis "$redis_at" --kill-pid "${pids[2]}" --kill-node 3 || echo "cluster run failed"
else
  run_tool "3 nodes" 3 --redis "$redis_at" || echo "cluster run failed"
fi
stop_nodes
keep_logs cluster
clean_redis
rm -rf "$data"

if [ "$single" = true ]; then
  data=$(mktemp -d)
  fresh_database
  start_node 1 no
  await_nodes 1
  echo "== 1 node alone (pid ${pids[*]}), no Redis" | tee -a "$results/output.txt"
  run_tool "1 node" 1 || echo "single-node run failed"
  stop_nodes
  keep_logs single
  rm -rf "$data"
fi
echo "output: $results/output.txt"
