package org.appmsg.bootstrap;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * {@code java -jar appmsg.jar [--config FILE]}: runs a node until SIGTERM or SIGINT, then drains and
 * exits 0. Exit status 2 means the configuration is wrong (the log says which setting). The load tools
 * are not part of the server: they are the {@code bench} module's own jar (see docs/operations.md).
 */
public final class Main {

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {}

    public static void main(String[] args) throws Exception {
        Optional<Path> configFile = Optional.empty();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config") && i + 1 < args.length) {
                configFile = Optional.of(Path.of(args[++i]));
            } else {
                LOG.error("unknown argument {}; usage: java -jar appmsg.jar [--config FILE]", args[i]);
                Runtime.getRuntime().exit(2);
            }
        }
        Config config;
        try {
            config = Config.load(System.getenv(), configFile);
        } catch (Config.ConfigException e) {
            LOG.error("configuration: {}", e.getMessage());
            Runtime.getRuntime().exit(2);
            return;
        }
        AppmsgServer server = AppmsgServer.start(config);
        CountDownLatch stop = new CountDownLatch(1);
        // Handling the signals ourselves (instead of a shutdown hook) lets the drain finish and the exit status be 0.
        Signal.handle(new Signal("TERM"), s -> stop.countDown());
        Signal.handle(new Signal("INT"), s -> stop.countDown());
        stop.await();
        server.close();
        Runtime.getRuntime().exit(0);
    }
}
