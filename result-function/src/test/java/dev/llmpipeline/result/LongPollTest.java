package dev.llmpipeline.result;

import static dev.llmpipeline.result.ResultFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

/** {@code GET /jobs/{id}?wait=N}: the pause moves the fake clock, so these tests take no time. */
class LongPollTest {
    private final ResultFixture fixture = new ResultFixture();

    @ParameterizedTest
    @Event(value = "apigw/get-job-wait.json", type = APIGatewayV2HTTPEvent.class)
    void returnsAsSoonAsTheJobBecomesTerminal(APIGatewayV2HTTPEvent event) {
        fixture.queueJob();
        fixture.completeDuringPause(3);
        Instant start = fixture.clock.instant();

        APIGatewayV2HTTPResponse response = fixture.handle(event);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(json(response).get("status").asText()).isEqualTo("succeeded");
        assertThat(fixture.pauses).containsExactly(Duration.ofMillis(50), Duration.ofMillis(100),
                Duration.ofMillis(200));
        assertThat(fixture.countingStore.finds()).isEqualTo(4);
        assertThat(Duration.between(start, fixture.clock.instant())).isEqualTo(Duration.ofMillis(350));
    }

    @ParameterizedTest
    @Event(value = "apigw/get-job-wait.json", type = APIGatewayV2HTTPEvent.class)
    void returnsTheJobAsItIsWhenTheWaitRunsOut(APIGatewayV2HTTPEvent event) {
        fixture.queueJob();
        Instant start = fixture.clock.instant();

        APIGatewayV2HTTPResponse response = fixture.handle(event);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(json(response).get("status").asText()).isEqualTo("queued");
        assertThat(Duration.between(start, fixture.clock.instant())).isEqualTo(Duration.ofSeconds(2));
        // Polls back off from 50 ms to at most 200 ms, and the last pause ends exactly at the deadline.
        List<Duration> expected = new ArrayList<>(List.of(Duration.ofMillis(50), Duration.ofMillis(100)));
        expected.addAll(Collections.nCopies(9, Duration.ofMillis(200)));
        expected.add(Duration.ofMillis(50));
        assertThat(fixture.pauses).containsExactlyElementsOf(expected);
        assertThat(fixture.countingStore.finds()).isEqualTo(13);
    }

    @Test
    void answersAJobThatIsTerminalAlreadyWithOneRead() {
        fixture.queueJob();
        fixture.complete(ResultFixture.JOB_ID);

        APIGatewayV2HTTPResponse response = fixture.handle(ResultFixture.getJob(Map.of("wait", "20")));

        assertThat(json(response).get("status").asText()).isEqualTo("succeeded");
        assertThat(fixture.countingStore.finds()).isEqualTo(1);
        assertThat(fixture.pauses).isEmpty();
    }

    @Test
    void readsOnceWithoutWaitingWhenNoWaitIsAsked() {
        fixture.queueJob();

        APIGatewayV2HTTPResponse response = fixture.handle(ResultFixture.getJob(Map.of("wait", "0")));

        assertThat(json(response).get("status").asText()).isEqualTo("queued");
        assertThat(fixture.countingStore.finds()).isEqualTo(1);
        assertThat(fixture.pauses).isEmpty();
    }

    @Test
    void acceptsTheLongestWait() {
        fixture.queueJob();

        APIGatewayV2HTTPResponse response = fixture.handle(ResultFixture.getJob(Map.of("wait", "20")));

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(fixture.pauses.stream().reduce(Duration.ZERO, Duration::plus)).isEqualTo(Duration.ofSeconds(20));
    }
}
