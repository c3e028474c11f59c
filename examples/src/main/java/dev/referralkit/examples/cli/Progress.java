package dev.referralkit.examples.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Progress of a streaming run on standard error, never on standard output: events so far, events per
 * second and rejections, at most once a second, and a closing line with the totals.
 *
 * <p>Shown when standard error is a terminal, or always with {@code --progress}; never with
 * {@code --no-progress}. Java 17 cannot ask whether standard error alone is a terminal
 * ({@code System.console()} needs standard input <em>and</em> output to be one), so on Linux it reads
 * where {@code /proc/self/fd/2} points ({@code /dev/pts/*}, {@code /dev/tty*}, {@code /dev/console}
 * are terminals); elsewhere it falls back to {@code System.console() != null}. On a terminal the line is
 * rewritten in place ({@code \r}); otherwise (a log, with {@code --progress}) each update is a line of
 * its own, every ten seconds.
 */
final class Progress {
    private static final int CHECK_EVERY = 1024;

    private final PrintWriter err;
    private final boolean enabled;
    private final boolean terminal;
    private final long started = System.nanoTime();
    private final long intervalNanos;
    private long next;
    private int shownWidth;

    private Progress(PrintWriter err, boolean enabled, boolean terminal) {
        this.err = err;
        this.enabled = enabled;
        this.terminal = terminal;
        this.intervalNanos = terminal ? 1_000_000_000L : 10_000_000_000L;
        this.next = started + intervalNanos;
    }

    /**
     * @param option {@code --progress} (true), {@code --no-progress} (false) or neither (null: when standard error is a terminal)
     * @param err    standard error
     */
    static Progress of(Boolean option, PrintWriter err) {
        boolean terminal = stderrIsTerminal();
        return new Progress(err, option != null ? option : terminal, terminal);
    }

    /** @return whether standard error is a terminal, as well as Java 17 can tell (see the class comment) */
    static boolean stderrIsTerminal() {
        try {
            Path fd = Path.of("/proc/self/fd/2");
            if (Files.isSymbolicLink(fd)) {
                String target = Files.readSymbolicLink(fd).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
            }
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            // not Linux, or not allowed to look: fall back
        }
        return System.console() != null;
    }

    /** Called after each event. */
    void update(long events, long rejected) {
        if (!enabled || events % CHECK_EVERY != 0) {
            return;
        }
        long now = System.nanoTime();
        if (now < next) {
            return;
        }
        next = now + intervalNanos;
        show(String.format(Locale.ROOT, "%,d events, %,d events/s, %,d rejected", events, perSecond(events, now), rejected), false);
    }

    /** The closing line: totals, elapsed time and rate. */
    void finish(long events, long rejected) {
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        show(String.format(Locale.ROOT, "%,d events in %.2f s, %,d events/s, %,d rejected", events, (now - started) / 1e9,
                perSecond(events, now), rejected), true);
    }

    /** Ends a line rewritten in place, so that an error message that follows starts on a line of its own. */
    void abandon() {
        if (enabled && terminal && shownWidth > 0) {
            err.println();
            err.flush();
            shownWidth = 0;
        }
    }

    private long perSecond(long events, long now) {
        return (long) (events / (Math.max(now - started, 1) / 1e9));
    }

    private void show(String text, boolean last) {
        if (terminal) {
            String padded = text.length() < shownWidth ? text + " ".repeat(shownWidth - text.length()) : text;
            err.print("\r" + padded);
            shownWidth = last ? 0 : text.length();
            if (last) {
                err.println();
            }
        } else {
            err.println(text);
        }
        err.flush();
    }
}
