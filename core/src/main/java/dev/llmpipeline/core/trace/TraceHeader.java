package dev.llmpipeline.core.trace;

/**
 * An X-Ray trace header, {@code Root=1-...;Parent=...;Sampled=1}: what Lambda hands an invocation
 * ({@code Context.getXrayTraceId()}), what the {@code X-Amzn-Trace-Id} HTTP header and the SQS {@code AWSTraceHeader}
 * system attribute carry.
 *
 * @param root    the trace id
 * @param parent  the id of the segment the receiver's work hangs under, or {@code null}
 * @param sampled {@code true} ({@code Sampled=1}), {@code false} ({@code Sampled=0}) or {@code null} (undecided)
 */
public record TraceHeader(String root, String parent, Boolean sampled) {

    /** A sampled header. */
    public static TraceHeader sampled(String root, String parent) {
        return new TraceHeader(root, parent, true);
    }

    /** Parses a header; {@code null} when there is none or it has no {@code Root}. Unknown fields are ignored. */
    public static TraceHeader parse(String header) {
        if (header == null) {
            return null;
        }
        String root = null;
        String parent = null;
        Boolean sampled = null;
        for (String part : header.split(";")) {
            String[] field = part.trim().split("=", 2);
            if (field.length < 2) {
                continue;
            }
            switch (field[0]) {
                case "Root" -> root = field[1];
                case "Parent" -> parent = field[1];
                case "Sampled" -> sampled = "1".equals(field[1]) ? Boolean.TRUE
                        : "0".equals(field[1]) ? Boolean.FALSE : null;
                default -> { }
            }
        }
        return root == null || root.isEmpty() ? null : new TraceHeader(root, parent, sampled);
    }

    /** Whether the work it starts is recorded: everything but an explicit {@code Sampled=0}. */
    public boolean isSampled() {
        return !Boolean.FALSE.equals(sampled);
    }

    /** The header as it is sent. */
    public String format() {
        StringBuilder header = new StringBuilder("Root=").append(root);
        if (parent != null) {
            header.append(";Parent=").append(parent);
        }
        if (sampled != null) {
            header.append(";Sampled=").append(sampled ? '1' : '0');
        }
        return header.toString();
    }

    @Override
    public String toString() {
        return format();
    }
}
