package dev.llmpipeline.local.xray;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmpipeline.core.trace.DaemonEmitter;
import dev.llmpipeline.core.trace.SegmentDocument;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class XRayDaemonEmulatorTest {
    private static final String TRACE = "1-67a0c0de-0123456789abcdef01234567";

    @Test
    void keepsTheDocumentsItReceivesOverUdpPerTrace() {
        try (XRayDaemonEmulator daemon = XRayDaemonEmulator.start();
             DaemonEmitter emitter = new DaemonEmitter(DaemonEmitter.parseAddress(daemon.address()))) {
            Instant now = Instant.now();
            SegmentDocument segment = SegmentDocument.segment("SubmitFunction", TRACE, null, now);
            segment.end(now.plusMillis(5));
            emitter.emit(segment);
            emitter.emit(SegmentDocument.subsegment("SQS", TRACE, segment.id(), now));
            emitter.emit(SegmentDocument.segment("other", "1-67a0c0de-ffffffffffffffffffffffff", null, now));

            List<JsonNode> documents = awaitDocuments(daemon, 2);

            assertThat(daemon.address()).startsWith("127.0.0.1:");
            assertThat(documents).extracting(document -> document.path("name").asText())
                    .containsExactlyInAnyOrder("SubmitFunction", "SQS");
        }
    }

    @Test
    void dropsWhatIsNotASegmentDocument() {
        try (XRayDaemonEmulator daemon = XRayDaemonEmulator.start()) {
            daemon.accept("{\"trace_id\": \"" + TRACE + "\"}");
            daemon.accept("{\"format\": \"json\", \"version\": 1}\nnot json");
            daemon.accept("{\"format\": \"json\", \"version\": 1}\n{\"name\": \"no trace\"}");
            daemon.accept("{\"format\": \"json\", \"version\": 1}\n{\"name\": \"kept\", \"trace_id\": \""
                    + TRACE + "\"}");

            assertThat(daemon.documents(TRACE)).extracting(document -> document.path("name").asText())
                    .containsExactly("kept");
        }
    }

    private static List<JsonNode> awaitDocuments(XRayDaemonEmulator daemon, int count) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(5));
        while (daemon.documents(TRACE).size() < count && Instant.now().isBefore(deadline)) {
            Thread.onSpinWait();
        }
        return daemon.documents(TRACE);
    }
}
