package org.appmsg.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code java -jar appmsg-bench.jar COMMAND …}: the load tools, a jar of their own (the server jar carries
 * none). {@code openloop} runs the open-loop rate ladder, {@code report} summarises its runs, {@code cluster}
 * sends open-loop pushes to the nodes of a cluster (and kills one, on request); the closed-loop
 * tools keep their names and options ({@code bench-push}, {@code bench-app-push}, {@code bench-group},
 * {@code bench-directory}, {@code bench-connections}). Exit status 0 when the command ran, 2 for a bad command
 * line, 1 when it failed.
 */
@Command(name = "appmsg-bench", subcommands = {OpenLoopBench.class, ClusterBench.class, ReportCommand.class},
        description = "appmsg load tools: run against a server on loopback (see docs/operations.md, Benchmarks).")
public final class BenchMain implements Runnable {

    @Spec
    CommandSpec spec;
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    private BenchMain() {
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with every subcommand; bad arguments print the message and the usage, status 2. */
    static CommandLine commandLine() {
        CommandLine cli = new CommandLine(new BenchMain());
        closedLoop(cli, "bench-push", PushBench::run, "Closed-loop durable user-to-user push (docs/operations.md).");
        closedLoop(cli, "bench-app-push", AppPushBench::run, "Closed-loop application push to @tenant, @org or users.");
        closedLoop(cli, "bench-group", GroupBench::run, "Closed-loop group chat into one group.");
        closedLoop(cli, "bench-directory", DirectoryBench::run, "Org tree and user sync, then getOrgInfo.");
        closedLoop(cli, "bench-connections", ConnectionBench::run, "Many WebSocket or TCP sessions, held or churned.");
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            if (e instanceof IllegalArgumentException) {
                line.getErr().println(e.getMessage());
                return 2;
            }
            throw e;
        });
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** A closed-loop tool's entry point: parses its own {@code --name value} options. */
    @FunctionalInterface
    interface Tool {
        void run(String[] args) throws Exception;
    }

    /** Hands every argument after the command's name, unparsed, to a closed-loop tool. */
    @Command
    static final class PassThrough implements Callable<Integer> {
        @Unmatched
        List<String> args = new ArrayList<>();
        private final Tool tool;

        PassThrough(Tool tool) {
            this.tool = tool;
        }

        @Override
        public Integer call() throws Exception {
            tool.run(args.toArray(String[]::new));
            return 0;
        }
    }

    private static void closedLoop(CommandLine cli, String name, Tool tool, String description) {
        CommandLine sub = new CommandLine(new PassThrough(tool)).setStopAtUnmatched(true);
        sub.getCommandSpec().usageMessage().description(description + " Options: docs/operations.md.");
        cli.addSubcommand(name, sub);
    }
}
