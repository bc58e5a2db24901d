package dev.llmpipeline.local.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.llmpipeline.core.json.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class WaterfallTest {

    @Test
    void nestsSubsegmentsUnderTheirParentsWithOffsetsDurationsAndBars() {
        List<JsonNode> documents = List.of(
                parse("{\"name\": \"WorkerFunction\", \"id\": \"w1\", \"trace_id\": \"t\", \"parent_id\": \"q1\","
                        + " \"origin\": \"AWS::Lambda::Function\", \"start_time\": 100.300, \"end_time\": 100.400,"
                        + " \"annotations\": {\"job_id\": \"0b9c7f4e-2f7a-4f0e-9d3b-7f6d1c2a9e01\"}}"),
                parse("{\"name\": \"SubmitFunction\", \"id\": \"s1\", \"trace_id\": \"t\","
                        + " \"origin\": \"AWS::Lambda::Function\", \"start_time\": 100.000, \"end_time\": 100.200}"),
                parse("{\"name\": \"SQS\", \"id\": \"q1\", \"trace_id\": \"t\", \"parent_id\": \"s1\","
                        + " \"type\": \"subsegment\", \"namespace\": \"aws\","
                        + " \"aws\": {\"operation\": \"SendMessageBatch\"},"
                        + " \"start_time\": 100.100, \"end_time\": 100.150}"));

        List<String> lines = Waterfall.render(documents);

        assertThat(lines).hasSize(4);
        assertThat(lines.get(1)).startsWith("SubmitFunction ").contains(" 0 ", " 200 ");
        assertThat(lines.get(2)).startsWith("  SQS SendMessageBatch ").contains(" 100 ", " 50 ");
        assertThat(lines.get(3)).startsWith("    WorkerFunction job 0b9c7f4e ")
                .contains(" 300 ", " 100 ");
        // 400 ms on 40 columns: the worker starts at column 30 and fills 10; the submit fills the first 20.
        assertThat(bar(lines.get(3))).isEqualTo(" ".repeat(30) + "█".repeat(10));
        assertThat(bar(lines.get(1))).isEqualTo("█".repeat(20) + " ".repeat(20));
    }

    @Test
    void showsEmbeddedSubsegmentsAndWorkInProgress() {
        List<String> lines = Waterfall.render(List.of(parse("{\"name\": \"api\", \"id\": \"a\", \"trace_id\": \"t\","
                + " \"start_time\": 1.0, \"end_time\": 2.0, \"subsegments\": [{\"name\": \"DynamoDB\", \"id\": \"d\","
                + " \"start_time\": 1.5, \"in_progress\": true}]}")));

        assertThat(lines).hasSize(3);
        assertThat(lines.get(2)).startsWith("  DynamoDB ").contains(" 500 ", " … ");
    }

    @Test
    void saysSoWhenThereIsNothing() {
        assertThat(Waterfall.render(List.of())).containsExactly("(no segments)");
    }

    private static String bar(String line) {
        return line.substring(line.indexOf('|') + 1, line.lastIndexOf('|'));
    }

    private static JsonNode parse(String json) {
        try {
            return Json.parse(json);
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }
}
