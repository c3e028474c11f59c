package dev.referralkit.examples.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code referralkit} command line (FORMATS.md §4): {@code run}, {@code check} and
 * {@code attribution}; and, as extensions, {@code payouts}, {@code report} and {@code ledger} (with
 * {@code run --store}, the durable store). Exit status ({@link #EXIT_STATUSES}, shown by every {@code --help}): 0 success;
 * 1 a scenario check failed; 2 bad input or arguments (one line with the file, line or JSON pointer and
 * field; never a stack trace or a Java class name); 3 an internal error or out of memory (one line).
 * With no arguments it prints its usage on standard error and exits 2.
 */
@Command(name = "referralkit", mixinStandardHelpOptions = true, version = "referralkit 0.1.0-SNAPSHOT",
        description = "Referral attribution and partner commissions: run programs and scenarios, check expectations, analyse journeys.",
        subcommands = {RunCommand.class, CheckCommand.class, AttributionCommand.class, PayoutsCommand.class, ReportCommand.class,
                LedgerCommand.class})
public final class ReferralKitCli implements Callable<Integer> {
    /** Exit status of an input error. */
    static final int INPUT_ERROR = 2;
    /** Exit status of an internal error (a bug) or of running out of memory. */
    static final int INTERNAL_ERROR = 3;

    /** Every exit status and its meaning, as {@code --help} shows them. */
    static final Map<String, String> EXIT_STATUSES = exitStatuses();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private static Map<String, String> exitStatuses() {
        Map<String, String> statuses = new LinkedHashMap<>();
        statuses.put("0", "success (check: every scenario passed)");
        statuses.put("1", "check: a scenario failed, or a file could not be read while others could");
        statuses.put("2", "bad input or arguments: one line on stderr naming the file, the line or JSON pointer and the field");
        statuses.put("3", "internal error (a bug: please report it with the input) or out of memory: one line on stderr");
        return statuses;
    }

    @Override
    public Integer call() {
        // no command: a usage error, like any other tool's
        spec.commandLine().usage(spec.commandLine().getErr());
        return INPUT_ERROR;
    }

    /**
     * Runs the command line with the given writers (for tests and for {@link #main}).
     *
     * @param out  standard output
     * @param err  standard error
     * @param args the arguments
     * @return the exit status
     */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new ReferralKitCli());
        document(cli);
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, line, parse) -> {
            if (e instanceof InputException) {
                line.getErr().println("referralkit: " + e.getMessage());
                return INPUT_ERROR;
            }
            // a bug: the class name helps the report, and it is never an input error's message
            line.getErr().println(InputException.oneLine("referralkit: internal error (please report it with the input): " + e));
            return INTERNAL_ERROR;
        });
        cli.setParameterExceptionHandler((e, a) -> {
            e.getCommandLine().getErr().println(InputException.oneLine("referralkit: " + e.getMessage()));
            e.getCommandLine().getErr().println("try: " + e.getCommandLine().getCommandSpec().qualifiedName() + " --help");
            return INPUT_ERROR;
        });
        int status = cli.execute(args);
        out.flush();
        err.flush();
        return status;
    }

    /** Every command's {@code --help} lists the exit statuses. */
    private static void document(CommandLine command) {
        command.getCommandSpec().usageMessage().exitCodeListHeading("%nExit status:%n").exitCodeList(EXIT_STATUSES);
        command.getSubcommands().values().forEach(ReferralKitCli::document);
    }

    /**
     * Entry point.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int status;
        try {
            status = execute(out, err, args);
        } catch (OutOfMemoryError e) {
            // one line, like every other failure: the engine's state did not fit the heap
            System.err.println("referralkit: out of memory: the program's state does not fit the Java heap; "
                    + "run with a larger heap, e.g. java -Xmx2g -jar referralkit.jar ...");
            status = INTERNAL_ERROR;
        }
        System.exit(status);
    }
}
