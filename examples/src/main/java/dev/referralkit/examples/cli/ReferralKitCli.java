package dev.referralkit.examples.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code referralkit} command line (FORMATS.md §4): {@code run}, {@code check} and
 * {@code attribution}. Exit status: 0 success, 1 a scenario check failed, 2 bad input (one line with
 * the file, line or JSON pointer and field; never a stack trace).
 */
@Command(name = "referralkit", mixinStandardHelpOptions = true, version = "referralkit 0.1.0-SNAPSHOT",
        description = "Referral attribution and partner commissions: run programs and scenarios, check expectations, analyse journeys.",
        subcommands = {RunCommand.class, CheckCommand.class, AttributionCommand.class, ReportCommand.class})
public final class ReferralKitCli implements Runnable {
    /** Exit status of an input error. */
    static final int INPUT_ERROR = 2;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
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
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler((e, line, parse) -> {
            if (e instanceof InputException) {
                line.getErr().println("referralkit: " + e.getMessage());
                return INPUT_ERROR;
            }
            line.getErr().println("referralkit: internal error: " + e);
            return 3;
        });
        cli.setParameterExceptionHandler((e, a) -> {
            e.getCommandLine().getErr().println("referralkit: " + e.getMessage());
            e.getCommandLine().getErr().println("try: referralkit " + e.getCommandLine().getCommandName() + " --help");
            return INPUT_ERROR;
        });
        int status = cli.execute(args);
        out.flush();
        err.flush();
        return status;
    }

    /**
     * Entry point.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new java.io.OutputStreamWriter(System.out, java.nio.charset.StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new java.io.OutputStreamWriter(System.err, java.nio.charset.StandardCharsets.UTF_8), true);
        int status;
        try {
            status = execute(out, err, args);
        } catch (OutOfMemoryError e) {
            // one line, like every other failure: the engine's state did not fit the heap
            System.err.println("referralkit: out of memory: the program's state does not fit the Java heap; "
                    + "run with a larger heap, e.g. java -Xmx2g -jar referralkit.jar ...");
            status = 3;
        }
        System.exit(status);
    }
}
