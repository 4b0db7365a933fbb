package org.appmsg.adapter.http;

import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

/**
 * The id of one HTTP request, for matching a client's complaint with the server's log lines: a proxy's or
 * client's {@code X-Request-Id} when it is a short token of safe characters (it lands in logs, so anything
 * else could forge or break a line), otherwise 16 random hex digits. The answer echoes it.
 */
final class RequestId {

    static final String HEADER = "X-Request-Id";
    static final String MDC_KEY = "requestId";
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private RequestId() {}

    static String of(String offered) {
        if (offered != null && SAFE.matcher(offered).matches()) {
            return offered;
        }
        return String.format("%016x", ThreadLocalRandom.current().nextLong());
    }
}
