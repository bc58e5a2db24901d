package dev.llmpipeline.worker;

import static dev.llmpipeline.worker.WorkerFixture.event;
import static dev.llmpipeline.worker.WorkerFixture.jobIdOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.llmpipeline.core.json.Json;
import dev.llmpipeline.core.trace.Tracer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The worker puts its work for each job into the job's trace, as the message's {@code AWSTraceHeader} names it. */
class JobTracingTest {
    private static final String TRACE_A = "1-67a0c0de-aaaaaaaaaaaaaaaaaaaaaaaa";
    private static final String TRACE_B = "1-67a0c0de-bbbbbbbbbbbbbbbbbbbbbbbb";

    private final WorkerFixture fixture = new WorkerFixture();
    private final List<JsonNode> emitted = new CopyOnWriteArrayList<>();
    private final Tracer tracer = new Tracer(document -> emitted.add(parse(document.toJson())), fixture.clock);

    @Test
    void eachJobGetsASegmentInItsTraceAndTheSharedEndpointCallIsRecordedInEach() {
        SQSEvent event = event("sqs/batch-of-8.json");
        fixture.queueJobsFor(event, index -> "prompt " + index, 32);
        List<SQSMessage> records = event.getRecords();
        records.forEach(record -> traceHeader(record, null));
        traceHeader(records.get(0), "Root=" + TRACE_A + ";Parent=00000000000000a1;Sampled=1");
        traceHeader(records.get(1), "Root=" + TRACE_B + ";Parent=00000000000000b1;Sampled=1");
        traceHeader(records.get(2), "Root=" + TRACE_B + ";Parent=00000000000000b2;Sampled=0");
        fixture.endpoint.takes(Duration.ofMillis(250), fixture.clock);

        processor().process(records, fixture.farDeadline(), "WorkerFunction");

        List<JsonNode> segments = emitted.stream().filter(document -> !document.has("type")).toList();
        assertThat(segments).hasSize(2);
        JsonNode segmentA = segmentOf(segments, jobIdOf(records.get(0)));
        JsonNode segmentB = segmentOf(segments, jobIdOf(records.get(1)));
        assertThat(segmentA.path("trace_id").asText()).isEqualTo(TRACE_A);
        assertThat(segmentA.path("parent_id").asText()).isEqualTo("00000000000000a1");
        assertThat(segmentA.path("name").asText()).isEqualTo("WorkerFunction");
        assertThat(segmentA.path("origin").asText()).isEqualTo(Tracer.LAMBDA_ORIGIN);
        assertThat(segmentA.path("annotations").path("outcome").asText()).isEqualTo("generated");
        assertThat(segmentB.path("trace_id").asText()).isEqualTo(TRACE_B);

        List<JsonNode> calls = emitted.stream().filter(document -> document.path("name").asText()
                .equals("micro-batch")).toList();
        assertThat(calls).extracting(call -> call.path("parent_id").asText())
                .containsExactlyInAnyOrder(segmentA.path("id").asText(), segmentB.path("id").asText());
        assertThat(calls).allSatisfy(call ->
                assertThat(call.path("annotations").path("micro_batch_size").asInt()).isEqualTo(8));
    }

    @Test
    void recordsNothingForMessagesWithoutATraceHeader() {
        SQSEvent event = event("sqs/batch-of-8.json");
        fixture.queueJobsFor(event, index -> "prompt " + index, 32);
        event.getRecords().forEach(record -> traceHeader(record, null));

        processor().process(event.getRecords(), fixture.farDeadline(), "WorkerFunction");

        assertThat(emitted).isEmpty();
    }

    private JobBatchProcessor processor() {
        return new JobBatchProcessor(fixture.store, fixture.engine(8), Runnable::run, WorkerFixture.LEASE,
                WorkerFixture.MAX_RECEIVE_COUNT, fixture.clock, fixture.metrics, tracer);
    }

    private static JsonNode segmentOf(List<JsonNode> segments, String jobId) {
        return segments.stream().filter(segment -> segment.path("annotations").path("job_id").asText().equals(jobId))
                .findFirst().orElseThrow(() -> new AssertionError("no segment for job " + jobId + " in " + segments));
    }

    /** Sets the message's trace header; {@code null} removes it. */
    private static void traceHeader(SQSMessage message, String header) {
        var attributes = new HashMap<>(message.getAttributes());
        attributes.remove("AWSTraceHeader");
        if (header != null) {
            attributes.put("AWSTraceHeader", header);
        }
        message.setAttributes(attributes);
    }

    private static JsonNode parse(String json) {
        try {
            return Json.parse(json);
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }
}
