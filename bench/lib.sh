# Shared by the benchmark scripts: starts the server jar on loopback (H2 or MariaDB), runs one load tool
# against it as a separate process, prints its RESULT line, stops the server; once per run.
#   run_bench <h2|mariadb> <runs> <tool> [tool options...]
# MariaDB: BENCH_MARIADB_URL (default jdbc:mariadb://127.0.0.1:3306/appmsg_bench?user=root) is dropped and
# recreated for every run. BENCH_SERVER_OPTS adds JVM options to the server. BENCH_JAR runs another server jar
# than bootstrap/target/appmsg.jar (e.g. a copy in /tmp, so a rebuild cannot change the jar under a run). The
# load tool is always bench/target/appmsg-bench.jar.
set -euo pipefail
cd "$(dirname "$0")/.."
: "${JAVA_HOME:=/usr/lib/jvm/temurin-25-jdk-amd64}"; export JAVA_HOME
JAVA="$JAVA_HOME/bin/java"
JAR="${BENCH_JAR:-bootstrap/target/appmsg.jar}"
TOOL=bench/target/appmsg-bench.jar
[ -f "$JAR" ] && [ -f "$TOOL" ] || ./mvnw -B -q package -DskipTests

run_bench() {
  local db="$1" runs="$2" tool="$3"; shift 3
  local key="bench-admin-key-$$" run data server url name
  for run in $(seq 1 "$runs"); do
    data=$(mktemp -d)
    export APPMSG_HTTP_HOST=127.0.0.1 APPMSG_HTTP_PORT=18090 APPMSG_WS_HOST=127.0.0.1 APPMSG_WS_PORT=16968 \
           APPMSG_TCP_PORT=16969 APPMSG_ADMIN_PORT=18091 APPMSG_DATA_DIR="$data" APPMSG_ADMIN_KEY="$key" \
           APPMSG_PASSWORD_ITERATIONS="${BENCH_PASSWORD_ITERATIONS:-10000}"
    if [ "$db" = mariadb ]; then
      url="${BENCH_MARIADB_URL:-jdbc:mariadb://127.0.0.1:3306/appmsg_bench?user=root}"
      name=$(sed -E 's#^.*/([^/?]+)(\?.*)?$#\1#' <<<"$url")
      mariadb -uroot -e "DROP DATABASE IF EXISTS $name; CREATE DATABASE $name CHARACTER SET utf8mb4"
      export APPMSG_DB_URL="$url"
    else
      unset APPMSG_DB_URL
    fi
    "$JAVA" -Xmx1g ${BENCH_SERVER_OPTS:-} -jar "$JAR" >"$data/server.log" 2>&1 &
    server=$!
    for _ in $(seq 1 120); do grep -q "ready in" "$data/server.log" && break; sleep 0.5; done
    grep -q "ready in" "$data/server.log" || { cat "$data/server.log"; kill $server; exit 1; }
    env -u APPMSG_DB_URL "$JAVA" -Xmx1g -jar "$TOOL" "$tool" --api 127.0.0.1:18090 \
      --admin 127.0.0.1:18091 --admin-key "$key" --label "db=$db run=$run" "$@" 2>&1 \
      | grep -E "RESULT|synced|sessions live|WARN|ERROR|Exception" || true
    kill -TERM $server; wait $server || true
    if grep -qE "level=(WARN|ERROR)" "$data/server.log"; then
      cp "$data/server.log" "/tmp/appmsg-bench-$tool-$db-$run.log"
      echo "server warnings/errors: /tmp/appmsg-bench-$tool-$db-$run.log"
    fi
    rm -rf "$data"
  done
}
