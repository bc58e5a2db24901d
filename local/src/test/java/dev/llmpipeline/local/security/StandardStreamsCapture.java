package dev.llmpipeline.local.security;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Copies everything written to {@code System.out} and {@code System.err} while it is open, and still lets it through.
 * The local stack's functions log through Log4j's console appender, which follows {@code System.out} (see the local
 * log4j2.xml), and write their EMF metrics with {@code println}, so their output, from any thread, lands here too.
 * Not for tests that run in parallel: the standard streams belong to the whole JVM.
 */
final class StandardStreamsCapture implements AutoCloseable {
    private final PrintStream originalOut = System.out;
    private final PrintStream originalErr = System.err;
    private final ByteArrayOutputStream captured = new ByteArrayOutputStream();

    private StandardStreamsCapture() {
        System.setOut(tee(originalOut));
        System.setErr(tee(originalErr));
    }

    /** Starts capturing. */
    static StandardStreamsCapture start() {
        return new StandardStreamsCapture();
    }

    /** What was written so far. */
    String text() {
        System.out.flush();
        System.err.flush();
        synchronized (captured) {
            return captured.toString(StandardCharsets.UTF_8);
        }
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
