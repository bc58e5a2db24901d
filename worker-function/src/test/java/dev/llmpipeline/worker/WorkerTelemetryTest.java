package dev.llmpipeline.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.llmpipeline.core.job.Job;
import dev.llmpipeline.core.json.Json;
import dev.llmpipeline.core.port.EndpointException;
import dev.llmpipeline.core.telemetry.Telemetry;
import dev.llmpipeline.core.testing.FakeLambdaContext;
import dev.llmpipeline.core.testing.LocalTelemetry;
import dev.llmpipeline.core.testing.StandardStreamsCapture;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * What a worker invocation writes to its standard output, as CloudWatch Logs receives it: JSON log lines that name
 * their job and invocation and never hold a prompt or an output, and EMF documents with every worker metric.
 * One SQS batch of 8 jobs: a throttled first call (one retry), then a model error that isolates the poisoned prompt.
 */
class WorkerTelemetryTest {
    private static final String REQUEST_ID = "7d2f1c4e-worker-telemetry-0001";

    private final WorkerFixture fixture = new WorkerFixture();
    private final String secret = "secret-" + UUID.randomUUID();
    private final SQSEvent event = WorkerFixture.event("sqs/batch-of-8.json");
    private final List<Job> jobs = fixture.queueJobsFor(event,
            index -> "Explain " + secret + (index == 3 ? " poison" : "") + " briefly", 32);

    WorkerTelemetryTest() {
        fixture.endpoint.failNextCalls(EndpointException.Kind.TRANSIENT, 1)
                .poisonPrompt("poison", "the model refused: " + secret);
    }

    @Test
    void logsEveryLineAsJsonWithTheJobAndInvocationAndNoPromptText() {
        var telemetry = LocalTelemetry.of(WorkerHandler.SERVICE);
        var handler = new WorkerHandler(processorRecordingTo(telemetry), fixture.clock, telemetry);

        List<String> lines;
        try (StandardStreamsCapture output = StandardStreamsCapture.start()) {
            handler.handleRequest(event, new FakeLambdaContext(REQUEST_ID, 60_000));
            lines = output.lines();
        }

        List<JsonNode> logs = jsonLines(lines).stream().filter(line -> line.has("level")).toList();
        for (Job job : jobs) {
            assertThat(logs).as("log lines of job %s", job.jobId())
                    .filteredOn(line -> line.path("job_id").asText().equals(job.jobId()))
                    .isNotEmpty()
                    .allSatisfy(line -> {
                        assertThat(line.path("function_request_id").asText()).isEqualTo(REQUEST_ID);
                        assertThat(line.path("cold_start").isBoolean()).isTrue();
                        assertThat(line.path("cold_start").booleanValue()).isTrue();
                        assertThat(line.path("service").asText()).isEqualTo("worker");
                    });
        }
        assertThat(lines).as("prompts, outputs and the model's message").noneMatch(line -> line.contains(secret));
    }

    @Test
    void marksOnlyTheFirstInvocationOfAnEnvironmentAsAColdStart() {
        var telemetry = LocalTelemetry.of(WorkerHandler.SERVICE);
        var handler = new WorkerHandler(processorRecordingTo(telemetry), fixture.clock, telemetry);
        handler.handleRequest(event, new FakeLambdaContext(REQUEST_ID, 60_000));
        // A duplicate delivery of the batch's first job, which has succeeded: logged by its id, nothing else to do.
        SQSEvent again = WorkerFixture.event("sqs/one-job.json");

        List<JsonNode> lines;
        try (StandardStreamsCapture output = StandardStreamsCapture.start()) {
            handler.handleRequest(again, new FakeLambdaContext("second-request", 60_000));
            lines = jsonLines(output.lines());
        }

        assertThat(lines).filteredOn(line -> line.has("level")).isNotEmpty()
                .allSatisfy(line -> assertThat(line.path("cold_start").booleanValue()).isFalse());
        assertThat(metricUnits(lines)).doesNotContainKey("ColdStart");
    }

    @Test
    void publishesEveryWorkerMetricWithItsUnitAsEmf() {
        var telemetry = LocalTelemetry.of(WorkerHandler.SERVICE);
        var handler = new WorkerHandler(processorRecordingTo(telemetry), fixture.clock, telemetry);

        List<JsonNode> lines;
        try (StandardStreamsCapture output = StandardStreamsCapture.start()) {
            handler.handleRequest(event, new FakeLambdaContext(REQUEST_ID, 60_000));
            lines = jsonLines(output.lines());
        }

        assertThat(metricUnits(lines)).containsAllEntriesOf(Map.of(
                "ColdStart", "Count",
                "QueueWait", "Milliseconds",
                "ModelLatency", "Milliseconds",
                "MicroBatchSize", "Count",
                "JobsSucceeded", "Count",
                "JobsFailed", "Count",
                "EndpointRetries", "Count"));
        List<JsonNode> documents = emfDocuments(lines);
        assertThat(documents).allSatisfy(document -> {
            JsonNode directive = document.path("_aws").path("CloudWatchMetrics").path(0);
            assertThat(directive.path("Namespace").asText()).isEqualTo("LlmPipeline");
            assertThat(document.path("Service").asText()).isEqualTo("worker");
            assertThat(document.path("function_request_id").asText()).isEqualTo(REQUEST_ID);
        });
        assertThat(values(documents, "QueueWait")).hasSize(8).allMatch(wait -> wait == 480);
        assertThat(values(documents, "MicroBatchSize")).containsExactlyInAnyOrder(2.0, 1.0, 4.0);
        assertThat(values(documents, "JobsSucceeded")).containsExactly(7.0);
        assertThat(values(documents, "EndpointRetries")).containsExactly(1.0);
        JsonNode failed = documents.stream().filter(document -> document.has("JobsFailed")).findFirst().orElseThrow();
        assertThat(failed.path("JobsFailed").asDouble()).isEqualTo(1.0);
        assertThat(failed.path("ErrorCode").asText()).isEqualTo("model_error");
        assertThat(failed.path("_aws").path("CloudWatchMetrics").path(0).path("Dimensions").path(0).toString())
                .isEqualTo("[\"Service\",\"ErrorCode\"]");
    }

    private JobBatchProcessor processorRecordingTo(Telemetry telemetry) {
        var engine = new MicroBatchEngine(fixture.endpoint, 8, Runnable::run, Backoff.standard(), fixture.sleeper,
                fixture.clock, telemetry.metrics());
        return new JobBatchProcessor(fixture.store, engine, Runnable::run, WorkerFixture.LEASE,
                WorkerFixture.MAX_RECEIVE_COUNT, fixture.clock, telemetry.metrics());
    }

    /** Every line parsed; a line that is not a JSON object fails the test. */
    private static List<JsonNode> jsonLines(List<String> lines) {
        List<JsonNode> parsed = new ArrayList<>();
        for (String line : lines) {
            try {
                parsed.add(Json.mapper().readValue(line, ObjectNode.class));
            } catch (JsonProcessingException e) {
                throw new AssertionError("not a JSON object: " + line, e);
            }
        }
        return parsed;
    }

    private static List<JsonNode> emfDocuments(List<JsonNode> lines) {
        return lines.stream().filter(line -> line.has("_aws")).toList();
    }

    /** Metric name to unit, over every EMF document. */
    private static Map<String, String> metricUnits(List<JsonNode> lines) {
        Map<String, String> units = new TreeMap<>();
        for (JsonNode document : emfDocuments(lines)) {
            for (JsonNode metric : document.path("_aws").path("CloudWatchMetrics").path(0).path("Metrics")) {
                units.put(metric.path("Name").asText(), metric.path("Unit").asText());
            }
        }
        return units;
    }

    /** The values of a metric, over every document (EMF writes one value bare, several as an array). */
    private static List<Double> values(List<JsonNode> documents, String metric) {
        List<Double> values = new ArrayList<>();
        for (JsonNode document : documents) {
            JsonNode value = document.path(metric);
            if (value.isArray()) {
                value.forEach(element -> values.add(element.asDouble()));
            } else if (value.isNumber()) {
                values.add(value.asDouble());
            }
        }
        return values;
    }
}
