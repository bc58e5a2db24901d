package dev.llmpipeline.core.trace;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TraceIdsTest {

    @Test
    void takesTheRootOfATraceHeader() {
        String header = "Root=1-67a0c0de-0123456789abcdef01234567;Parent=53995c3f42cd8ad8;Sampled=1";

        assertThat(TraceIds.rootOf(header)).isEqualTo("1-67a0c0de-0123456789abcdef01234567");
    }

    @Test
    void findsTheRootAnywhereInTheHeader() {
        assertThat(TraceIds.rootOf("Parent=53995c3f42cd8ad8; Root=1-abc-def;Sampled=0")).isEqualTo("1-abc-def");
    }

    @Test
    void hasNoRootWithoutAHeaderOrARootPart() {
        assertThat(TraceIds.rootOf(null)).isNull();
        assertThat(TraceIds.rootOf("Parent=53995c3f42cd8ad8;Sampled=1")).isNull();
    }
}
