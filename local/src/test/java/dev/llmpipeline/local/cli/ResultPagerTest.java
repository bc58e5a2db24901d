package dev.llmpipeline.local.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.llmpipeline.core.json.Json;
import dev.llmpipeline.local.client.PipelineClient;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

class ResultPagerTest {
    private final List<String> requestedCursors = new ArrayList<>();
    private final Deque<PipelineClient.Response> answers = new ArrayDeque<>();
    private final List<Duration> pauses = new ArrayList<>();
    private final ResultPager pager = new ResultPager(cursor -> {
        requestedCursors.add(Objects.toString(cursor, "<first>"));
        return answers.removeFirst();
    }, pauses::add);

    @Test
    void followsCursorsUntilNextCursorIsNull() throws Exception {
        answers.add(page("c1", "j1", "j2"));
        answers.add(page("c2", "j3"));
        answers.add(page(null, "j4"));

        List<String> written = drain();

        assertThat(written).containsExactly("j1", "j2", "j3", "j4");
        assertThat(requestedCursors).containsExactly("<first>", "c1", "c2");
        assertThat(pauses).isEmpty();
    }

    @Test
    void pollsTheSameCursorAgainAfterAPauseWhileNothingNewHasFinished() throws Exception {
        answers.add(page("c1", "j1"));
        answers.add(page("c1"));
        answers.add(page("c1"));
        answers.add(page("c2", "j2"));
        answers.add(page(null));

        List<String> written = drain();

        assertThat(written).containsExactly("j1", "j2");
        assertThat(requestedCursors).containsExactly("<first>", "c1", "c1", "c1", "c2");
        assertThat(pauses).containsExactly(ResultPager.POLL_INTERVAL, ResultPager.POLL_INTERVAL);
    }

    @Test
    void writesEachResultOnceWhenAPageRepeatsOne() throws Exception {
        answers.add(page("c1", "j1", "j2"));
        answers.add(page("c2", "j2", "j3"));
        answers.add(page(null, "j3"));

        assertThat(drain()).containsExactly("j1", "j2", "j3");
    }

    @Test
    void stopsAtOnceWhenTheFirstPageIsTheLast() throws Exception {
        answers.add(page(null, "j1"));

        assertThat(drain()).containsExactly("j1");
        assertThat(requestedCursors).containsExactly("<first>");
    }

    @Test
    void retriesAThrottledPageAtTheSameCursorAfterRetryAfter() throws Exception {
        answers.add(page("c1", "j1"));
        answers.add(new PipelineClient.Response(429, error("throttled"), Map.of("retry-after", "3")));
        answers.add(page(null, "j2"));

        assertThat(drain()).containsExactly("j1", "j2");
        assertThat(requestedCursors).containsExactly("<first>", "c1", "c1");
        assertThat(pauses).containsExactly(Duration.ofSeconds(3));
    }

    @Test
    void refusedPageEndsTheDownloadWithTheResponse() {
        answers.add(page("c1", "j1"));
        answers.add(new PipelineClient.Response(404, error("not found"), Map.of()));

        assertThatThrownBy(this::drain).isInstanceOfSatisfying(ResponseException.class,
                e -> assertThat(e.response().status()).isEqualTo(404));
    }

    private List<String> drain() throws Exception {
        List<String> written = new ArrayList<>();
        long count = pager.drainTo(job -> written.add(job.path("job_id").asText()));
        assertThat(count).isEqualTo(written.size());
        return written;
    }

    private static PipelineClient.Response page(String nextCursor, String... jobIds) {
        var body = Json.mapper().createObjectNode();
        var results = body.putArray("results");
        Arrays.stream(jobIds).forEach(id -> results.addObject().put("job_id", id).put("status", "succeeded"));
        body.put("next_cursor", nextCursor);
        return new PipelineClient.Response(200, body, Map.of());
    }

    private static JsonNode error(String message) {
        var body = Json.mapper().createObjectNode();
        body.putObject("error").put("code", "error").put("message", message);
        return body;
    }
}
