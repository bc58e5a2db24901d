package dev.llmpipeline.local.cli;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Sends the standard output of the functions the stack runs in this process (their JSON log lines and EMF metric
 * documents, as Lambda would ship them to CloudWatch Logs) to a file, so that a command that prints a report, such
 * as {@code demo}, stays readable. The command prints to {@link #console()}. Closing restores standard output.
 */
final class FunctionOutput implements AutoCloseable {
    private final PrintStream console;
    private final PrintStream file;
    private final Path path;

    private FunctionOutput(PrintStream console, PrintStream file, Path path) {
        this.console = console;
        this.file = file;
        this.path = path;
    }

    /** From now on, standard output goes to {@code path} (replaced); the returned object still reaches the console. */
    static FunctionOutput toFile(Path path) {
        try {
            Files.createDirectories(path.toAbsolutePath().getParent());
            var file = new PrintStream(new FileOutputStream(path.toFile()), true, StandardCharsets.UTF_8);
            PrintStream console = System.out;
            System.setOut(file);
            return new FunctionOutput(console, file, path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the functions' output to " + path, e);
        }
    }

    /** Where the functions' output goes by default: beside the local jar, under {@code local/target}. */
    static Path defaultFile(Path home, String command) {
        return home.resolve("local/target/" + command + "-functions.log");
    }

    /** The console, for the command's own output. */
    PrintStream console() {
        return console;
    }

    Path path() {
        return path;
    }

    @Override
    public void close() {
        System.setOut(console);
        file.close();
    }
}
