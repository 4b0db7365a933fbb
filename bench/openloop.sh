#!/usr/bin/env bash
# Open-loop rate ladder (PRODUCT.md §5; see docs/operations.md, Benchmarks): for each run, starts the server jar
# on loopback pinned to --pin-server CPUs (default 0) and the load tool pinned to --pin-load CPUs (default 1),
# connects 10,000 receivers, climbs the rate ladder (fixed-rate sends, latency from the intended send time, a step
# passes with zero loss and delivery p99 <= 100 ms), stops the server. Each run writes its JSON file and SVG plot
# under the results directory; at the end the medians of all runs are printed (and plotted) per build.
#   bench/openloop.sh [h2|mariadb] [unicast|group] [--runs N] [--pin-server CPUS] [--pin-load CPUS]
#                     [--results DIR] [openloop options, e.g. --rates 1000,5000 --expire 0]
# BENCH_JAR=old.jar: also run the same ladder against that jar, alternating with the current build run by run
# (current, old, current, old, …) so that both see the same hour of this shared machine, and print them side by
# side. Results go to bench/results/<time>-<scenario>-<db>/ unless --results says otherwise (gitignored).
source "$(dirname "$0")/lib.sh"
db="${1:-mariadb}"; scenario="${2:-unicast}"; shift $(( $# > 2 ? 2 : $# )) || true
runs=1; pin_server=0; pin_load=1
results="bench/results/$(date -u +%Y%m%dT%H%M%SZ)-$scenario-$db"
tool_args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --runs) runs="$2"; shift 2 ;;
    --pin-server) pin_server="$2"; shift 2 ;;
    --pin-load) pin_load="$2"; shift 2 ;;
    --results) results="$2"; shift 2 ;;
    *) tool_args+=("$1"); shift ;;
  esac
done
case "$db" in h2|mariadb) ;; *) echo "store is h2 or mariadb, not $db" >&2; exit 2 ;; esac
case "$scenario" in unicast|group) ;; *) echo "scenario is unicast or group, not $scenario" >&2; exit 2 ;; esac
mkdir -p "$results"

# Copies of the jars, so that a rebuild during the runs cannot change what is measured.
jars=$(mktemp -d)
server=""
trap '[ -z "$server" ] || kill -TERM "$server" 2>/dev/null; rm -rf "$jars"' EXIT
cp bootstrap/target/appmsg.jar "$jars/current.jar"
labels=("current-$(git rev-parse --short HEAD 2>/dev/null || echo build)")
files=("$jars/current.jar")
if [ -n "${BENCH_JAR:-}" ]; then
  cp "$BENCH_JAR" "$jars/other.jar"
  labels+=("$(basename "$BENCH_JAR" .jar)")
  files+=("$jars/other.jar")
fi
cp "$TOOL" "$jars/appmsg-bench.jar"

echo "open-loop $scenario on $db: $runs run(s) of ${labels[*]}; server on CPU $pin_server, load tool on CPU $pin_load"
echo "results: $results"
for run in $(seq 1 "$runs"); do
  for i in "${!files[@]}"; do
    data=$(mktemp -d)
    start_server "${files[$i]}" "$db" "$data" "$pin_server"
    echo "== run $run, ${labels[$i]} (server pid $server)"
    taskset -c "$pin_load" "$JAVA" -Xmx1g -jar "$jars/appmsg-bench.jar" openloop --scenario "$scenario" \
      --api "127.0.0.1:$HTTP_PORT" --ws "127.0.0.1:$WS_PORT" --admin "127.0.0.1:$ADMIN_PORT" --admin-key "$BENCH_KEY" \
      --server-pid "$server" --server-cpus "$pin_server" --clock-ticks "$(getconf CLK_TCK)" --build "${labels[$i]}" --store "$db" --run "$run" \
      --out "$results/" ${tool_args[@]+"${tool_args[@]}"} || echo "run $run of ${labels[$i]} failed"
    stop_server "$data" "openloop-$scenario-$db-${labels[$i]}-$run"
    rm -rf "$data"
  done
done

shopt -s nullglob
json=("$results"/*.json)
if [ ${#json[@]} -gt 0 ]; then
  echo
  echo "== all runs (medians per build)"
  "$JAVA" -jar "$jars/appmsg-bench.jar" report --plot "$results/ladder.svg" "${json[@]}"
fi
