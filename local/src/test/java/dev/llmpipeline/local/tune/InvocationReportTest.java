package dev.llmpipeline.local.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class InvocationReportTest {

    @Test
    void readsTheFiguresOfAWarmInvocation() {
        String tail = "START RequestId: 6f8a2c1e-4b3d-4e5f-9a7b-1c2d3e4f5a6b Version: $LATEST\n"
                + "END RequestId: 6f8a2c1e-4b3d-4e5f-9a7b-1c2d3e4f5a6b\n"
                + "REPORT RequestId: 6f8a2c1e-4b3d-4e5f-9a7b-1c2d3e4f5a6b\tDuration: 12.34 ms\tBilled Duration: 13 ms\t"
                + "Memory Size: 512 MB\tMax Memory Used: 98 MB\t\n";

        InvocationReport report = InvocationReport.fromLogTail(tail);

        assertThat(report).isEqualTo(new InvocationReport(12.34, 13, 512, 98, OptionalDouble.empty()));
        assertThat(report.coldStart()).isFalse();
    }

    @Test
    void readsTheInitPhaseOfAColdStart() {
        String tail = "REPORT RequestId: 0b1c2d3e-0000-4000-8000-000000000001\tDuration: 1503.77 ms\t"
                + "Billed Duration: 1960 ms\tMemory Size: 1024 MB\tMax Memory Used: 187 MB\t"
                + "Init Duration: 456.78 ms\t\n";

        InvocationReport report = InvocationReport.fromLogTail(tail);

        assertThat(report.durationMs()).isEqualTo(1503.77);
        assertThat(report.billedDurationMs()).isEqualTo(1960);
        assertThat(report.memorySizeMb()).isEqualTo(1024);
        assertThat(report.maxMemoryUsedMb()).isEqualTo(187);
        assertThat(report.initDurationMs()).hasValue(456.78);
        assertThat(report.coldStart()).isTrue();
    }

    @Test
    void readsTheReportLineAmongLogLinesAndIgnoresAnXRayTrailer() {
        String tail = "ne cut at the start of the 4 KB tail\n"
                + "2026-12-04T10:00:00.123Z 1c2d INFO Duration: 999.00 ms is what the handler logged, not Lambda\n"
                + "END RequestId: 1c2d3e4f-0000-4000-8000-000000000002\n"
                + "REPORT RequestId: 1c2d3e4f-0000-4000-8000-000000000002\tDuration: 87.05 ms\tBilled Duration: 88 ms\t"
                + "Memory Size: 256 MB\tMax Memory Used: 120 MB\tInit Duration: 702.11 ms\t\n"
                + "XRAY TraceId: 1-6750a1b2-0123456789abcdef01234567\tSegmentId: 0123456789abcdef\tSampled: true\t\n";

        InvocationReport report = InvocationReport.fromLogTail(tail);

        assertThat(report).isEqualTo(new InvocationReport(87.05, 88, 256, 120, OptionalDouble.of(702.11)));
    }

    @Test
    void keepsTheDurationApartFromTheRestoreDurationOfSnapStart() {
        String tail = "REPORT RequestId: 2d3e4f5a-0000-4000-8000-000000000003\tRestore Duration: 310.50 ms\t"
                + "Duration: 41.20 ms\tBilled Duration: 42 ms\tMemory Size: 512 MB\tMax Memory Used: 140 MB\t\n";

        assertThat(InvocationReport.fromLogTail(tail).durationMs()).isEqualTo(41.2);
    }

    @Test
    void refusesATailWithoutAReportLine() {
        String tail = "START RequestId: 3e4f Version: $LATEST\nEND RequestId: 3e4f\n";

        assertThatThrownBy(() -> InvocationReport.fromLogTail(tail))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no REPORT line");
    }

    @Test
    void refusesAReportLineWithoutItsMemoryUsed() {
        String tail = "REPORT RequestId: 4f5a\tDuration: 1.00 ms\tBilled Duration: 1 ms\tMemory Size: 128 MB\t\n";

        assertThatThrownBy(() -> InvocationReport.fromLogTail(tail))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("REPORT line without Max Memory Used");
    }
}
