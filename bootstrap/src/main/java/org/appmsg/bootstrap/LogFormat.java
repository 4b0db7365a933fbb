package org.appmsg.bootstrap;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import java.net.URL;
import org.slf4j.LoggerFactory;

/**
 * Switches the log format to what the loaded configuration says. logback.xml reads {@code APPMSG_LOG_FORMAT}
 * from the environment at the first log line; a value that only the config file sets is applied here, by reading
 * logback.xml again with the value as a context property (which wins over the environment).
 */
final class LogFormat {

    private LogFormat() {}

    static void apply(String format) {
        String fromEnvironment = System.getenv().getOrDefault("APPMSG_LOG_FORMAT", "text");
        URL file = LogFormat.class.getResource("/logback.xml");
        if (format.equals(fromEnvironment) || file == null
                || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        context.reset();
        context.putProperty("APPMSG_LOG_FORMAT", format);
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        try {
            configurator.doConfigure(file);
        } catch (JoranException e) {
            throw new Config.ConfigException("APPMSG_LOG_FORMAT: cannot configure logging: " + e.getMessage());
        }
    }

    /**
     * For a command whose standard output is its result ({@code report}): only warnings and errors are logged, and
     * to standard error, so that what is printed can be piped as it is.
     */
    static void warningsToStandardError() {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.iteratorForAppenders().forEachRemaining(appender -> {
            if (appender instanceof ConsoleAppender<ILoggingEvent> console) {
                console.stop();
                console.setTarget("System.err");
                console.start();
            }
        });
    }
}
