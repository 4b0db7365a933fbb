package org.appmsg.adapter.archfixture;

/** Breaks two rules on purpose: an adapter parsing a command line and setting a log level itself. */
public final class ChattyAdapter {

    private ChattyAdapter() {}

    public static Object parse(String... args) {
        ch.qos.logback.classic.Level level = ch.qos.logback.classic.Level.DEBUG;
        return new picocli.CommandLine(new Object()).getCommandName() + level;
    }
}
