package dev.llmpipeline.core.trace;

import dev.llmpipeline.core.json.Json;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One <a href="https://docs.aws.amazon.com/xray/latest/devguide/xray-api-segmentdocuments.html">X-Ray segment
 * document</a>: a segment, or a subsegment sent on its own ({@code type: "subsegment"} with its {@code parent_id}).
 * Filled while its work runs, written once it has ended. Thread-safe: a worker's job segment is opened on one thread
 * and ended on another.
 */
public final class SegmentDocument {
    private final boolean subsegment;
    private final String name;
    private final String id = TraceIds.newSegmentId();
    private final String traceId;
    private final String parentId;
    private final Instant start;
    private final Map<String, Object> fields = new LinkedHashMap<>();
    private final Map<String, Object> aws = new LinkedHashMap<>();
    private final Map<String, Object> annotations = new LinkedHashMap<>();
    private Instant end;

    private SegmentDocument(boolean subsegment, String name, String traceId, String parentId, Instant start) {
        this.subsegment = subsegment;
        this.name = name;
        this.traceId = traceId;
        this.parentId = parentId;
        this.start = start;
    }

    /** A segment: the work of one service for a request; {@code parentId} is the caller's segment, if any. */
    public static SegmentDocument segment(String name, String traceId, String parentId, Instant start) {
        return new SegmentDocument(false, name, traceId, parentId, start);
    }

    /** A subsegment sent on its own, under the (sub)segment {@code parentId}. */
    public static SegmentDocument subsegment(String name, String traceId, String parentId, Instant start) {
        return new SegmentDocument(true, name, traceId, parentId, start);
    }

    public String id() {
        return id;
    }

    public String traceId() {
        return traceId;
    }

    /** Sets a top-level field: {@code origin}, {@code namespace}, {@code error}, {@code fault}, {@code throttle}... */
    public synchronized SegmentDocument put(String field, Object value) {
        fields.put(field, value);
        return this;
    }

    /** Sets a field of the {@code aws} object: {@code operation}, {@code table_name}, {@code request_id}... */
    public synchronized SegmentDocument aws(String field, Object value) {
        aws.put(field, value);
        return this;
    }

    /** An annotation: indexed by X-Ray for filter expressions; a string, number or boolean. */
    public synchronized SegmentDocument annotate(String key, Object value) {
        annotations.put(key, value);
        return this;
    }

    /** Ends the work; returns false if it had ended already. */
    public synchronized boolean end(Instant at) {
        if (end != null) {
            return false;
        }
        end = at;
        return true;
    }

    /** The document as X-Ray reads it. */
    public synchronized String toJson() {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("name", name);
        document.put("id", id);
        document.put("trace_id", traceId);
        if (parentId != null) {
            document.put("parent_id", parentId);
        }
        if (subsegment) {
            document.put("type", "subsegment");
        }
        document.put("start_time", epochSeconds(start));
        if (end == null) {
            document.put("in_progress", true);
        } else {
            document.put("end_time", epochSeconds(end));
        }
        document.putAll(fields);
        if (!aws.isEmpty()) {
            document.put("aws", aws);
        }
        if (!annotations.isEmpty()) {
            document.put("annotations", annotations);
        }
        return Json.write(document);
    }

    /** Epoch seconds with microseconds, as X-Ray's timestamps are. */
    private static BigDecimal epochSeconds(Instant instant) {
        return BigDecimal.valueOf(instant.getEpochSecond()).add(BigDecimal.valueOf(instant.getNano() / 1_000, 6));
    }
}
