package dev.llmpipeline.core.trace;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TraceHeaderTest {

    @Test
    void parsesLambdasHeader() {
        TraceHeader header = TraceHeader.parse(
                "Root=1-67a0c0de-0123456789abcdef01234567;Parent=53995c3f42cd8ad8;Sampled=1;Lineage=a87bd80c:0");

        assertThat(header).isEqualTo(new TraceHeader("1-67a0c0de-0123456789abcdef01234567", "53995c3f42cd8ad8", true));
        assertThat(header.isSampled()).isTrue();
    }

    @Test
    void formatsWhatItParses() {
        String text = "Root=1-67a0c0de-0123456789abcdef01234567;Parent=53995c3f42cd8ad8;Sampled=0";

        assertThat(TraceHeader.parse(text).format()).isEqualTo(text);
        assertThat(TraceHeader.parse(text).isSampled()).isFalse();
    }

    @Test
    void anUndecidedHeaderIsRecordedAndAHeaderWithoutRootIsNone() {
        assertThat(TraceHeader.parse("Root=1-abc-def").isSampled()).isTrue();
        assertThat(TraceHeader.parse("Root=1-abc-def").format()).isEqualTo("Root=1-abc-def");
        assertThat(TraceHeader.parse("Parent=53995c3f42cd8ad8;Sampled=1")).isNull();
        assertThat(TraceHeader.parse(null)).isNull();
    }

    @Test
    void makesIdsOfXRaysShape() {
        Instant start = Instant.parse("2026-12-05T01:00:00Z");

        assertThat(TraceIds.newTraceId(start)).matches("1-" + Long.toHexString(start.getEpochSecond())
                + "-[0-9a-f]{24}");
        assertThat(TraceIds.newSegmentId()).matches("[0-9a-f]{16}").isNotEqualTo(TraceIds.newSegmentId());
    }

    @Test
    void readsTheDaemonAddressInBothForms() {
        assertThat(DaemonEmitter.parseAddress("127.0.0.1:2000")).isEqualTo(new InetSocketAddress("127.0.0.1", 2000));
        assertThat(DaemonEmitter.parseAddress("tcp:127.0.0.1:2001 udp:127.0.0.1:2000"))
                .isEqualTo(new InetSocketAddress("127.0.0.1", 2000));
        assertThatThrownBy(() -> DaemonEmitter.parseAddress("nowhere")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("AWS_XRAY_DAEMON_ADDRESS");
    }

    @Test
    void takesTheRootOfATraceHeader() {
        String header = "Root=1-67a0c0de-0123456789abcdef01234567;Parent=53995c3f42cd8ad8;Sampled=1";

        assertThat(TraceHeader.parse(header).root()).isEqualTo("1-67a0c0de-0123456789abcdef01234567");
    }

    @Test
    void findsTheRootAnywhereInTheHeader() {
        assertThat(TraceHeader.parse("Parent=53995c3f42cd8ad8; Root=1-abc-def;Sampled=0").root())
                .isEqualTo("1-abc-def");
    }
}
