package org.appmsg.bootstrap.archfixture;

/** Deliberately broken: libraries outside their adapters, standard streams, JUL, generic exceptions. */
public class LeakyBootstrap {
    private static final java.util.logging.Logger JUL = java.util.logging.Logger.getLogger("no");

    Object[] libraries() {
        return new Object[] {org.java_websocket.WebSocket.class, org.jooq.impl.DSL.class,
                org.flywaydb.core.Flyway.class, com.zaxxer.hikari.HikariConfig.class, redis.clients.jedis.Jedis.class,
                com.eatthepath.pushy.apns.ApnsClient.class, io.netty.channel.Channel.class};
    }

    void print() {
        System.out.println("no");
        JUL.info("no");
        throw new RuntimeException("no");
    }
}
