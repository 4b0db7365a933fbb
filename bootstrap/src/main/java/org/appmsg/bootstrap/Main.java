package org.appmsg.bootstrap;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import sun.misc.Signal;

/**
 * The command line of {@code appmsg.jar}. Without a command it runs a node until SIGTERM or SIGINT, then drains
 * and exits 0. Exit status 2 means the command line or the configuration is wrong (the message says which
 * setting). The load tools are not part of the server: they are the {@code bench} module's own jar.
 */
@Command(name = "appmsg", mixinStandardHelpOptions = true, versionProvider = Main.Version.class,
        description = {"A self-hosted, multi-tenant application message server.",
                "Without a command: runs a node until SIGTERM/SIGINT, then drains and exits 0.",
                "Settings come from APPMSG_* environment variables, which override the --config file."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:stopped cleanly, or the command succeeded", "1:an unexpected error",
                "2:a wrong command line or configuration (the message says which setting)"},
        subcommands = {Main.CheckConfig.class, Main.ConfigTemplate.class, ReportCommand.class,
                CommandLine.HelpCommand.class})
public final class Main implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    @Option(names = "--config", paramLabel = "FILE",
            description = "a properties file of APPMSG_* settings (conf/appmsg.properties in the archive)")
    Path configFile;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        Runtime.getRuntime().exit(commandLine().execute(args));
    }

    static CommandLine commandLine() {
        return new CommandLine(new Main()).setExitCodeExceptionMapper(e -> 2);
    }

    /** Runs the node; returns only once it has drained. */
    @Override
    public Integer call() throws InterruptedException {
        Config config;
        try {
            config = Config.load(System.getenv(), Optional.ofNullable(configFile));
        } catch (Config.ConfigException e) {
            LOG.error("configuration: {}", e.getMessage());
            return 2;
        }
        LogFormat.apply(Config.setting(System.getenv(), Optional.ofNullable(configFile), "APPMSG_LOG_FORMAT"));
        AppmsgServer server = AppmsgServer.start(config);
        CountDownLatch stop = new CountDownLatch(1);
        // Handling the signals ourselves (instead of a shutdown hook) lets the drain finish and the exit status be 0.
        Signal.handle(new Signal("TERM"), s -> stop.countDown());
        Signal.handle(new Signal("INT"), s -> stop.countDown());
        stop.await();
        server.close();
        return 0;
    }

    @Command(name = "checkconfig", mixinStandardHelpOptions = true,
            description = {"Validates a configuration without starting anything.",
                    "Reads the environment's APPMSG_* settings over the --config file; exits 0 and prints the",
                    "settings that differ from the defaults (secrets masked), or exits 2 and says which is wrong."})
    static final class CheckConfig implements Callable<Integer> {
        @Option(names = "--config", paramLabel = "FILE", description = "the properties file to check")
        Path configFile;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try {
                Config.load(System.getenv(), Optional.ofNullable(configFile));
                out.println("configuration OK" + (configFile == null ? "" : " (" + configFile + ")"));
                Config.effective(System.getenv(), Optional.ofNullable(configFile))
                        .forEach((k, v) -> out.println("  " + k + "=" + v));
                out.flush();
                return 0;
            } catch (Config.ConfigException e) {
                PrintWriter err = spec.commandLine().getErr();
                err.println("configuration invalid: " + e.getMessage());
                err.flush();
                return 2;
            }
        }
    }

    @Command(name = "config-template", mixinStandardHelpOptions = true,
            description = {"Prints every setting as a documented properties file.",
                    "Each line is commented out with its default and meaning; the archive's",
                    "conf/appmsg.properties is this output."})
    static final class ConfigTemplate implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            spec.commandLine().getOut().print(Config.template());
            spec.commandLine().getOut().flush();
            return 0;
        }
    }

    /** The version the build wrote into the jar's manifest; "development build" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"appmsg " + (v == null ? "(development build)" : v),
                    "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"};
        }
    }
}
