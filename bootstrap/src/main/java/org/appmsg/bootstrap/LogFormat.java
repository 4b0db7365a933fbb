package org.appmsg.bootstrap;

import ch.qos.logback.classic.LoggerContext;
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
}
