package dev.llmpipeline.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Renders the segment documents of one trace as a waterfall: one line per segment and subsegment, nested under its
 * parent, with its start offset from the trace's first start, its duration and a bar on a common time axis.
 * Subsegments embedded in a document ({@code subsegments}) and those sent on their own ({@code parent_id}) nest alike.
 */
final class Waterfall {
    private static final int BAR_WIDTH = 40;
    private static final int NAME_WIDTH = 48;
    /** Enough of a job id to tell the jobs of one trace apart. */
    private static final int JOB_ID_SHOWN = 8;

    /** One (sub)segment: times in epoch microseconds; {@code end} is {@code start} while in progress. */
    record Node(String id, String parentId, String label, long start, long end, boolean inProgress) {}

    private Waterfall() {
    }

    /** The waterfall's lines, a header first; a note alone for no documents. */
    static List<String> render(List<JsonNode> documents) {
        List<Node> nodes = new ArrayList<>();
        documents.forEach(document -> collect(document, null, nodes));
        if (nodes.isEmpty()) {
            return List.of("(no segments)");
        }
        long first = nodes.stream().mapToLong(Node::start).min().orElseThrow();
        long last = nodes.stream().mapToLong(Node::end).max().orElseThrow();
        double span = Math.max(1, last - first);
        Map<String, List<Node>> children = new LinkedHashMap<>();
        Set<String> ids = new HashSet<>();
        nodes.forEach(node -> ids.add(node.id()));
        List<Node> roots = new ArrayList<>();
        for (Node node : nodes) {
            if (node.parentId() != null && ids.contains(node.parentId())) {
                children.computeIfAbsent(node.parentId(), id -> new ArrayList<>()).add(node);
            } else {
                roots.add(node);
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add(String.format("%-" + NAME_WIDTH + "s %9s %9s  %s", "segment", "start ms", "ms", "timeline"));
        walk(roots, children, 0, first, span, lines);
        return lines;
    }

    private static void walk(List<Node> nodes, Map<String, List<Node>> children, int depth, long first, double span,
                             List<String> lines) {
        nodes.sort(Comparator.comparingLong(Node::start));
        for (Node node : nodes) {
            lines.add(line(node, depth, first, span));
            walk(children.getOrDefault(node.id(), new ArrayList<>()), children, depth + 1, first, span, lines);
        }
    }

    private static String line(Node node, int depth, long first, double span) {
        String name = "  ".repeat(depth) + node.label();
        if (name.length() > NAME_WIDTH) {
            name = name.substring(0, NAME_WIDTH - 1) + "…";
        }
        int offset = (int) Math.min(BAR_WIDTH - 1, Math.round((node.start() - first) / span * BAR_WIDTH));
        int length = (int) Math.max(1, Math.min(BAR_WIDTH - offset, Math.round((node.end() - node.start()) / span
                * BAR_WIDTH)));
        String bar = " ".repeat(offset) + "█".repeat(length) + " ".repeat(BAR_WIDTH - offset - length);
        String duration = node.inProgress() ? "…" : Long.toString((node.end() - node.start()) / 1_000);
        return String.format("%-" + NAME_WIDTH + "s %9d %9s  |%s|", name, (node.start() - first) / 1_000, duration,
                bar);
    }

    private static void collect(JsonNode document, String embeddingParent, List<Node> nodes) {
        if (!document.hasNonNull("id") || !document.hasNonNull("start_time")) {
            return;
        }
        long start = micros(document.path("start_time"));
        boolean inProgress = !document.hasNonNull("end_time");
        long end = inProgress ? start : micros(document.path("end_time"));
        String parentId = document.hasNonNull("parent_id") ? document.path("parent_id").asText() : embeddingParent;
        nodes.add(new Node(document.path("id").asText(), parentId, label(document), start, end, inProgress));
        for (JsonNode embedded : document.path("subsegments")) {
            collect(embedded, document.path("id").asText(), nodes);
        }
    }

    /** The name, with what says most about it: an AWS call's operation, the start of a job's id. */
    private static String label(JsonNode document) {
        StringBuilder label = new StringBuilder(document.path("name").asText("?"));
        if (document.path("aws").hasNonNull("operation")) {
            label.append(' ').append(document.path("aws").path("operation").asText());
        }
        String jobId = document.path("annotations").path("job_id").asText("");
        if (!jobId.isEmpty()) {
            label.append(" job ").append(jobId, 0, Math.min(JOB_ID_SHOWN, jobId.length()));
        }
        if (document.path("fault").asBoolean() || document.path("error").asBoolean()) {
            label.append(" !");
        }
        return label.toString();
    }

    private static long micros(JsonNode epochSeconds) {
        return epochSeconds.decimalValue().movePointRight(6).setScale(0, RoundingMode.HALF_UP)
                .longValue();
    }
}
