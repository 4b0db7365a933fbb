# appmsg node image, built from the distribution archive (build that first):
#   ./mvnw -B package -DskipTests
#   docker build -t appmsg:0.1.0-SNAPSHOT .
#   docker run -p 8090:8090 -p 6968:6968 -p 6969:6969 -v appmsg-data:/data appmsg:0.1.0-SNAPSHOT
# With no APPMSG_DB_URL the node keeps its embedded H2 database in the /data volume. docker-compose.yml runs two
# nodes on MariaDB and Redis. Every setting is an APPMSG_* environment variable (docs/operations.md); the image
# checks them at start and exits 2 naming a wrong one.
FROM eclipse-temurin:21-jre

ARG VERSION=0.1.0-SNAPSHOT

RUN groupadd --system appmsg \
    && useradd --system --gid appmsg --home-dir /data --no-create-home appmsg \
    && mkdir /data && chown appmsg:appmsg /data

# ADD unpacks a local tar.gz: /opt/appmsg-<version>/{bin,lib,conf,licenses,docs}
ADD bootstrap/target/appmsg-${VERSION}.tar.gz /opt/
RUN mv /opt/appmsg-${VERSION} /opt/appmsg

ENV APPMSG_DATA_DIR=/data \
    APPMSG_LOG_FORMAT=json \
    JAVA_OPTS="-XX:MaxRAMPercentage=70 -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError"

USER appmsg
WORKDIR /data
VOLUME ["/data"]

# HTTP API, WebSocket gateway, TCP comet. The admin listener (8091: /health, /ready, /metrics, /admin) stays on
# the container's loopback unless APPMSG_ADMIN_HOST says otherwise: publish it only to the operators' network.
EXPOSE 8090 6968 6969

# Ready = the database answers (and, in a cluster, Redis). No curl in the JRE image: bash's /dev/tcp will do.
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
    CMD bash -c 'exec 3<>/dev/tcp/127.0.0.1/${APPMSG_ADMIN_PORT:-8091} && printf "GET /ready HTTP/1.0\r\nHost: localhost\r\n\r\n" >&3 && head -n 1 <&3 | grep -q " 200 "'

# SIGTERM drains: clients are told to reconnect elsewhere, requests in flight finish, the node exits 0.
STOPSIGNAL SIGTERM
ENTRYPOINT ["/opt/appmsg/bin/appmsg"]
