package dev.llmpipeline.local.tune;

import java.util.OptionalDouble;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The figures of one invocation, from the {@code REPORT} line Lambda writes at the end of its log:
 * {@code REPORT RequestId: … Duration: 12.34 ms Billed Duration: 13 ms Memory Size: 512 MB Max Memory Used: 98 MB}
 * and, on a cold start only, {@code Init Duration: 456.78 ms}. Lambda separates the fields with tabs and may append
 * more (an {@code XRAY TraceId}, SnapStart's {@code Restore Duration}); those are ignored.
 * https://docs.aws.amazon.com/lambda/latest/dg/java-logging.html
 */
public record InvocationReport(double durationMs, double billedDurationMs, int memorySizeMb, int maxMemoryUsedMb,
                               OptionalDouble initDurationMs) {

    private static final Pattern REPORT = Pattern.compile("^REPORT RequestId: .*$", Pattern.MULTILINE);
    // "Billed Duration:" ends in "Duration:" too: the look-behind keeps the plain duration from matching it.
    private static final Pattern DURATION = Pattern.compile("(?<!Billed |Init |Restore )Duration: ([\\d.]+) ms");
    private static final Pattern BILLED = Pattern.compile("Billed Duration: ([\\d.]+) ms");
    private static final Pattern MEMORY_SIZE = Pattern.compile("Memory Size: (\\d+) MB");
    private static final Pattern MAX_MEMORY_USED = Pattern.compile("Max Memory Used: (\\d+) MB");
    private static final Pattern INIT_DURATION = Pattern.compile("Init Duration: ([\\d.]+) ms");

    /** Whether the invocation started a new execution environment (it reports an init phase). */
    public boolean coldStart() {
        return initDurationMs.isPresent();
    }

    /**
     * Reads the last {@code REPORT} line of a decoded log tail (the last 4 KB of the invocation's log).
     *
     * @throws IllegalArgumentException if the tail has no complete {@code REPORT} line
     */
    static InvocationReport fromLogTail(String logTail) {
        Matcher lines = REPORT.matcher(logTail);
        String line = null;
        while (lines.find()) {
            line = lines.group();
        }
        if (line == null) {
            throw new IllegalArgumentException("no REPORT line in the log tail: " + abbreviate(logTail));
        }
        return new InvocationReport(Double.parseDouble(field(DURATION, "Duration", line)),
                Double.parseDouble(field(BILLED, "Billed Duration", line)),
                Integer.parseInt(field(MEMORY_SIZE, "Memory Size", line)),
                Integer.parseInt(field(MAX_MEMORY_USED, "Max Memory Used", line)),
                optionalField(INIT_DURATION, line));
    }

    private static String field(Pattern pattern, String name, String line) {
        Matcher matcher = pattern.matcher(line);
        if (!matcher.find()) {
            throw new IllegalArgumentException("REPORT line without " + name + ": " + line);
        }
        return matcher.group(1);
    }

    private static OptionalDouble optionalField(Pattern pattern, String line) {
        Matcher matcher = pattern.matcher(line);
        return matcher.find() ? OptionalDouble.of(Double.parseDouble(matcher.group(1))) : OptionalDouble.empty();
    }

    private static String abbreviate(String text) {
        String oneLine = text.strip().replace('\n', ' ');
        return oneLine.length() <= 200 ? oneLine : "…" + oneLine.substring(oneLine.length() - 200);
    }
}
