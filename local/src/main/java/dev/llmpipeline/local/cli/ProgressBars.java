package dev.llmpipeline.local.cli;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Progress bars on stderr, so that stdout stays clean JSONL. On a terminal the bar redraws itself in place every
 * second; anywhere else (a CI log, a file) it prints a plain ASCII line when progress was made, at most every ten
 * seconds, without carriage returns or colour codes.
 *
 * <p>The bars are always given a width and a consumer, so the library never builds a jline terminal, which would
 * take over the JVM's signal handlers (Ctrl-C) while a bar is open; the width comes from one {@code stty size}.
 */
final class ProgressBars {
    private static final int INTERACTIVE_REFRESH_MILLIS = 1_000;
    private static final int LOG_REFRESH_MILLIS = 10_000;
    private static final int DEFAULT_WIDTH = 80;
    private static final int MIN_WIDTH = 40;
    private static final int LOG_WIDTH = 100;

    private final PrintStream err;
    private final boolean interactive;
    private final int width;

    ProgressBars(PrintStream err, boolean interactive, int width) {
        this.err = err;
        this.interactive = interactive;
        this.width = width;
    }

    /** Bars on this process's stderr, drawn in place only if stderr is a terminal. */
    static ProgressBars onStderr() {
        boolean interactive = isTerminal(2) && !"dumb".equals(System.getenv("TERM"));
        return new ProgressBars(System.err, interactive, interactive ? columns() : LOG_WIDTH);
    }

    /** A bar of bytes sent, in KiB from 10 KiB on; no speed, as the server answers only once it stored the jobs. */
    ProgressBar bytes(String task, long totalBytes) {
        ProgressBarBuilder builder = builder(task, totalBytes);
        return (totalBytes >= 10 * 1024 ? builder.setUnit(" KiB", 1024) : builder.setUnit(" B", 1)).build();
    }

    /** A bar of things counted one by one (jobs, results). */
    ProgressBar count(String task, long total) {
        return builder(task, total).build();
    }

    private ProgressBarBuilder builder(String task, long total) {
        ProgressBarConsumer consumer = interactive
                ? new ConsoleProgressBarConsumer(err, width)
                : new DelegatingProgressBarConsumer(new ChangedLines(err), width);
        ProgressBarBuilder builder = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(total)
                .setConsumer(consumer)
                .setStyle(interactive && unicode() ? ProgressBarStyle.UNICODE_BLOCK : ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(interactive ? INTERACTIVE_REFRESH_MILLIS : LOG_REFRESH_MILLIS);
        // On a terminal the elapsed time and ETA tick every second; in a log, a line only when something moved.
        return interactive ? builder.continuousUpdate() : builder;
    }

    /**
     * Whether a file descriptor is a terminal. Java has no isatty; on Linux the descriptor's link names the device.
     * Elsewhere {@link System#console()} tells whether stdin and stdout both are.
     */
    static boolean isTerminal(int fd) {
        Path link = Path.of("/proc/self/fd/" + fd);
        if (Files.isSymbolicLink(link)) {
            try {
                String target = Files.readSymbolicLink(link).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
            } catch (IOException e) {
                return false;
            }
        }
        return System.console() != null;
    }

    /**
     * The terminal's width: {@code stty size} on the controlling terminal (what jline would run), else
     * {@code $COLUMNS} (which shells seldom export), else 80. Only asked when stderr is a terminal.
     */
    private static int columns() {
        Integer width = sttyColumns();
        if (width == null) {
            String columns = System.getenv("COLUMNS");
            width = columns != null && columns.strip().matches("\\d{2,4}") ? Integer.parseInt(columns.strip()) : null;
        }
        // One column short of the edge: writing the last column makes some terminals wrap, breaking the redraw.
        return width == null ? DEFAULT_WIDTH - 1 : Math.max(MIN_WIDTH, width - 1);
    }

    private static Integer sttyColumns() {
        File tty = new File("/dev/tty");
        if (!tty.exists()) {
            return null;
        }
        try {
            Process stty = new ProcessBuilder("stty", "size").redirectInput(tty)
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String answer = new String(stty.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
            boolean done = stty.waitFor(2, TimeUnit.SECONDS);
            return done && stty.exitValue() == 0 && answer.matches("\\d+ \\d+")
                    ? Integer.parseInt(answer.substring(answer.indexOf(' ') + 1)) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** Block characters only where stderr encodes them (System.err writes in the default charset). */
    private static boolean unicode() {
        return StandardCharsets.UTF_8.equals(Charset.defaultCharset());
    }

    /** Prints a rendering of the bar as a line unless it is the line printed last (the bar renders twice on close). */
    private static final class ChangedLines implements Consumer<String> {
        private final PrintStream err;
        private String last;

        ChangedLines(PrintStream err) {
            this.err = err;
        }

        @Override
        public void accept(String line) {
            // Called on the library's one rendering thread only.
            if (!line.equals(last)) {
                err.println(line);
                last = line;
            }
        }
    }
}
