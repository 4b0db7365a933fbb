# Shared by the benchmark scripts: starts a server jar on loopback (H2 or MariaDB), runs a load tool of
# bench/target/appmsg-bench.jar against it as a separate process, stops the server.
#   run_bench <h2|mariadb> <runs> <tool> [tool options...]    (the closed-loop tools: prints each run's RESULT line)
#   start_server <jar> <h2|mariadb> <data dir> [cpus]          (sets $server to its pid; cpus: taskset list, "" = any)
#   stop_server <data dir> <log name>                          (keeps the log under /tmp when it has warnings)
# MariaDB: BENCH_MARIADB_URL (default jdbc:mariadb://127.0.0.1:3306/appmsg_bench?user=root) is dropped and
# recreated for every server start. BENCH_SERVER_OPTS adds JVM options to the server, SERVER_ENV extra
# environment (e.g. SERVER_ENV="APPMSG_DB_POOL_SIZE=32"). BENCH_JAR runs another server jar than
# bootstrap/target/appmsg.jar for the closed-loop tools (e.g. a copy in /tmp, so a rebuild cannot change the
# jar under a run); bench/openloop.sh compares it with the current build instead. The server listens on
# 127.0.0.1 ports BENCH_HTTP_PORT (18090), BENCH_WS_PORT (16968), BENCH_TCP_PORT (16969), BENCH_ADMIN_PORT (18091):
# set them when another server on this machine holds those.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${JAVA_HOME:=/usr/lib/jvm/temurin-25-jdk-amd64}"; export JAVA_HOME
JAVA="$JAVA_HOME/bin/java"
JAR="${BENCH_JAR:-bootstrap/target/appmsg.jar}"
TOOL=bench/target/appmsg-bench.jar
BENCH_KEY="bench-admin-key-$$"
HTTP_PORT="${BENCH_HTTP_PORT:-18090}"; WS_PORT="${BENCH_WS_PORT:-16968}"
TCP_PORT="${BENCH_TCP_PORT:-16969}"; ADMIN_PORT="${BENCH_ADMIN_PORT:-18091}"
[ -f bootstrap/target/appmsg.jar ] && [ -f "$TOOL" ] || ./mvnw -B -q package -DskipTests
# Both processes may hold up to the hard limit of open files (20,000 on the team machines): 10,000 receivers
# and more need it.
ulimit -n "$(ulimit -Hn)"

# The load tools open 10,000+ connections from a few loopback addresses: a server with per-address connection
# limits gets them lifted. A jar from before those limits would refuse the unknown keys, so they are passed only
# to a jar whose Config names them. SERVER_ENV (from the caller) comes after these defaults and wins.
server_env_defaults() {
  if unzip -p "$1" org/appmsg/bootstrap/Config.class 2>/dev/null | grep -aq MAX_CONNECTIONS_PER_ADDRESS; then
    echo APPMSG_HTTP_MAX_CONNECTIONS_PER_ADDRESS=100000 APPMSG_WS_MAX_CONNECTIONS_PER_ADDRESS=100000 \
      APPMSG_TCP_MAX_CONNECTIONS_PER_ADDRESS=100000
  fi
}

start_server() {
  local jar="$1" db="$2" data="$3" cpus="${4:-}" url name port
  for port in "$HTTP_PORT" "$WS_PORT" "$TCP_PORT" "$ADMIN_PORT"; do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "port $port is taken by another process: choose others with BENCH_HTTP_PORT, BENCH_WS_PORT," \
        "BENCH_TCP_PORT, BENCH_ADMIN_PORT" >&2
      exit 1
    fi
  done
  local -a envs=(APPMSG_HTTP_HOST=127.0.0.1 APPMSG_HTTP_PORT="$HTTP_PORT" APPMSG_WS_HOST=127.0.0.1
    APPMSG_WS_PORT="$WS_PORT" APPMSG_TCP_HOST=127.0.0.1 APPMSG_TCP_PORT="$TCP_PORT" APPMSG_ADMIN_PORT="$ADMIN_PORT"
    APPMSG_DATA_DIR="$data" APPMSG_ADMIN_KEY="$BENCH_KEY"
    APPMSG_PASSWORD_ITERATIONS="${BENCH_PASSWORD_ITERATIONS:-10000}")
  if [ "$db" = mariadb ]; then
    url="${BENCH_MARIADB_URL:-jdbc:mariadb://127.0.0.1:3306/appmsg_bench?user=root}"
    name=$(sed -E 's#^.*/([^/?]+)(\?.*)?$#\1#' <<<"$url")
    mariadb -uroot -e "DROP DATABASE IF EXISTS $name; CREATE DATABASE $name CHARACTER SET utf8mb4"
    envs+=(APPMSG_DB_URL="$url")
  fi
  local -a pin=()
  [ -z "$cpus" ] || pin=(taskset -c "$cpus")
  # env and taskset exec the JVM, so $! is the server's own pid (its /proc/<pid>/stat is the server's CPU time)
  # shellcheck disable=SC2086
  env -u APPMSG_DB_URL "${envs[@]}" $(server_env_defaults "$jar") ${SERVER_ENV:-} "${pin[@]}" \
    "$JAVA" -Xmx1g ${BENCH_SERVER_OPTS:-} -jar "$jar" >"$data/server.log" 2>&1 &
  server=$!
  for _ in $(seq 1 120); do grep -q "ready in" "$data/server.log" && break; sleep 0.5; done
  grep -q "ready in" "$data/server.log" || { cat "$data/server.log"; kill "$server"; exit 1; }
}

stop_server() {
  local data="$1" name="$2"
  kill -TERM "$server"; wait "$server" || true
  if grep -qE "level=(WARN|ERROR)" "$data/server.log"; then
    cp "$data/server.log" "/tmp/appmsg-bench-$name.log"
    echo "server warnings/errors: /tmp/appmsg-bench-$name.log"
  fi
}

run_bench() {
  local db="$1" runs="$2" tool="$3"; shift 3
  local run data
  for run in $(seq 1 "$runs"); do
    data=$(mktemp -d)
    start_server "$JAR" "$db" "$data"
    "$JAVA" -Xmx1g -jar "$TOOL" "$tool" --api "127.0.0.1:$HTTP_PORT" \
      --admin "127.0.0.1:$ADMIN_PORT" --admin-key "$BENCH_KEY" --label "db=$db run=$run" "$@" 2>&1 \
      | grep -E "RESULT|synced|sessions live|WARN|ERROR|Exception" || true
    stop_server "$data" "$tool-$db-$run"
    rm -rf "$data"
  done
}
