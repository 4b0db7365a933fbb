#!/usr/bin/env bash
# Durable user→user push benchmark: starts the server jar on loopback (H2 or MariaDB), runs the load
# generator against it as a separate process, prints one RESULT line per run, stops the server.
#   bench/push.sh [h2|mariadb] [runs] [extra bench-push options, e.g. --senders 64 --receivers 500 --seconds 20]
# MariaDB: BENCH_MARIADB_URL (default jdbc:mariadb://127.0.0.1:3306/appmsg_bench?user=root) is
# dropped and recreated for every run.
set -euo pipefail
cd "$(dirname "$0")/.."
db="${1:-h2}"; runs="${2:-3}"; shift $(( $# > 2 ? 2 : $# )) || true
: "${JAVA_HOME:=/usr/lib/jvm/temurin-25-jdk-amd64}"; export JAVA_HOME
JAVA="$JAVA_HOME/bin/java"
[ -f bootstrap/target/appmsg.jar ] || ./mvnw -B -q package -DskipTests
key="bench-admin-key-$$"
for run in $(seq 1 "$runs"); do
  data=$(mktemp -d)
  export APPMSG_HTTP_HOST=127.0.0.1 APPMSG_HTTP_PORT=18090 APPMSG_WS_HOST=127.0.0.1 APPMSG_WS_PORT=16968 APPMSG_TCP_PORT=16969 \
         APPMSG_ADMIN_PORT=18091 APPMSG_DATA_DIR="$data" APPMSG_ADMIN_KEY="$key" \
         APPMSG_PASSWORD_ITERATIONS=10000  # only makes the setup's sync and login of many users quicker
  if [ "$db" = mariadb ]; then
    url="${BENCH_MARIADB_URL:-jdbc:mariadb://127.0.0.1:3306/appmsg_bench?user=root}"
    name=$(sed -E 's#^.*/([^/?]+)(\?.*)?$#\1#' <<<"$url")
    mariadb -uroot -e "DROP DATABASE IF EXISTS $name; CREATE DATABASE $name CHARACTER SET utf8mb4"
    export APPMSG_DB_URL="$url"
  else
    unset APPMSG_DB_URL
  fi
  "$JAVA" -Xmx1g ${BENCH_SERVER_OPTS:-} -jar bootstrap/target/appmsg.jar >"$data/server.log" 2>&1 &
  server=$!
  for _ in $(seq 1 120); do grep -q "ready in" "$data/server.log" && break; sleep 0.5; done
  grep -q "ready in" "$data/server.log" || { cat "$data/server.log"; kill $server; exit 1; }
  env -u APPMSG_DB_URL "$JAVA" -Xmx1g -jar bootstrap/target/appmsg.jar bench-push --api 127.0.0.1:18090 \
    --ws 127.0.0.1:16968 --admin 127.0.0.1:18091 --admin-key "$key" --label "db=$db run=$run" "$@" 2>&1 | grep -E "RESULT|ERROR|Exception" || true
  kill -TERM $server; wait $server || true
  if grep -qE "level=(WARN|ERROR)" "$data/server.log"; then
    cp "$data/server.log" "/tmp/appmsg-bench-$db-$run.log"
    echo "server warnings/errors: /tmp/appmsg-bench-$db-$run.log"
  fi
  rm -rf "$data"
done
