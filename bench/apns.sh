#!/usr/bin/env bash
# APNs sender throughput: the Pushy gateway (one token-auth client) against Pushy's mock APNs server in the same
# JVM on loopback, with certificates and a .p8 key made at start; prints notifications/s and heap used.
#   bench/apns.sh [seconds=10] [maxInFlight=1000]
# Builds adapters-apns and its test classes (offline, no install), then runs org.appmsg.adapter.apns.ApnsBench.
set -euo pipefail
cd "$(dirname "$0")/.."
export JAVA_HOME="${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}"
cp_file=$(mktemp)
# one reactor run: the modules' test-jars resolve to their target directories; the last module writes the file
./mvnw -B -q -o test-compile dependency:build-classpath -pl adapters-apns -am -Dmdep.includeScope=test \
  -Dmdep.outputFile="$cp_file" >/dev/null
cp="adapters-apns/target/test-classes:adapters-apns/target/classes:application/target/classes:domain/target/classes:$(cat "$cp_file")"
rm -f "$cp_file"
exec "$JAVA_HOME/bin/java" -Xmx512m -cp "$cp" org.appmsg.adapter.apns.ApnsBench "${1:-10}" "${2:-1000}"
