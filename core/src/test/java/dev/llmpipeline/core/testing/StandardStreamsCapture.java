package dev.llmpipeline.core.testing;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * Copies everything written to {@code System.out} and {@code System.err} while it is open, and still lets it through:
 * a function's logs (Log4j's console appender follows {@code System.out}, see log4j2.xml) and its EMF metrics (written
 * with {@code println}), from any thread. Not for tests that run in parallel: the standard streams belong to the
 * whole JVM.
 */
public final class StandardStreamsCapture implements AutoCloseable {
    private final PrintStream originalOut = System.out;
    private final PrintStream originalErr = System.err;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    private StandardStreamsCapture() {
        System.setOut(tee(originalOut));
        System.setErr(tee(originalErr));
    }

    /** Starts capturing. */
    public static StandardStreamsCapture start() {
        return new StandardStreamsCapture();
    }

    /** What was written so far. */
    public String text() {
        System.out.flush();
        System.err.flush();
        synchronized (captured) {
            return captured.toString(StandardCharsets.UTF_8);
        }
    }

    /** The non-blank lines written so far. */
    public List<String> lines() {
        return Arrays.stream(text().split("\\R")).filter(line -> !line.isBlank()).toList();
    }

    @Override
    public void close() {
        System.out.flush();
        System.err.flush();
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    private PrintStream tee(PrintStream original) {
        return new PrintStream(new OutputStream() {
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

            @Override
            public void flush() {
                original.flush();
            }
        }, true, StandardCharsets.UTF_8);
    }
}
