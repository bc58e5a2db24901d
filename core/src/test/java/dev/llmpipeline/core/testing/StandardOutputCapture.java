package dev.llmpipeline.core.testing;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Copies what is written to {@code System.out} while it is open, and still lets it through: a function's logs
 * (Log4j's console appender follows {@code System.out}) and its EMF metrics (written with {@code println}).
 * Not for tests that run in parallel: the standard output belongs to the whole JVM.
 */
public final class StandardOutputCapture implements AutoCloseable {
    private final PrintStream original = System.out;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    private StandardOutputCapture() {
        System.setOut(new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                original.write(b);
                synchronized (captured) {
                    captured.write(b);
                }
            }

            @Override
            public void write(byte[] bytes, int offset, int length) {
                original.write(bytes, offset, length);
                synchronized (captured) {
                    captured.write(bytes, offset, length);
                }
            }
        }, true, StandardCharsets.UTF_8));
    }

    /** Starts capturing. */
    public static StandardOutputCapture start() {
        return new StandardOutputCapture();
    }

    /** The non-blank lines written so far. */
    public List<String> lines() {
        System.out.flush();
        String text;
        synchronized (captured) {
            text = captured.toString(StandardCharsets.UTF_8);
        }
        return Arrays.stream(text.split("\\R")).filter(line -> !line.isBlank()).toList();
    }

    @Override
    public void close() {
        System.out.flush();
        System.setOut(original);
    }
}
