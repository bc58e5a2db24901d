package dev.llmpipeline.core.trace;

import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * X-Ray ids: trace ids ({@code 1-{8 hex digits of epoch seconds}-{24 random hex digits}}) and segment ids (16 random
 * hex digits), as <a href="https://docs.aws.amazon.com/xray/latest/devguide/xray-api-sendingdata.html#xray-api-traceids">
 * X-Ray generates them</a>. The ids need to be unique, not unguessable: a thread-local generator spares a cold start
 * the seeding of a secure one. Thread-safe.
 */
public final class TraceIds {
    private static final HexFormat HEX = HexFormat.of();

    private TraceIds() {
    }

    /** A new trace id whose time part is {@code start}. */
    public static String newTraceId(Instant start) {
        return "1-" + String.format("%08x", start.getEpochSecond()) + "-" + randomHex(12);
    }

    /** A new segment or subsegment id. */
    public static String newSegmentId() {
        return randomHex(8);
    }

    private static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        ThreadLocalRandom.current().nextBytes(random);
        return HEX.formatHex(random);
    }
}
