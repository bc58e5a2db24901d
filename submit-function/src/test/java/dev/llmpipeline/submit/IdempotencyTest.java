package dev.llmpipeline.submit;

import static dev.llmpipeline.submit.SubmitFixture.ALICE;
import static dev.llmpipeline.submit.SubmitFixture.as;
import static dev.llmpipeline.submit.SubmitFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.llmpipeline.core.job.JobStatus;
import dev.llmpipeline.core.port.IdempotencyRecord;
import dev.llmpipeline.core.testing.RecordingJobQueue;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IdempotencyTest {
    private static final String KEY = "5b0f6c2e-order-17";
    private static final String BODY = "{\"prompt\":\"Summarize: the meeting moved to Tuesday\",\"custom_id\":\"row-17\"}";

    private final SubmitFixture fixture = new SubmitFixture();

    @Test
    void returnsTheSameJobWith200ForTheSameKeyAndBody() {
        APIGatewayV2HTTPResponse first = fixture.handle(idempotentPost(BODY));
        APIGatewayV2HTTPResponse replay = fixture.handle(idempotentPost(BODY));

        assertThat(first.getStatusCode()).isEqualTo(202);
        assertThat(replay.getStatusCode()).isEqualTo(200);
        assertThat(json(replay).get("job_id")).isEqualTo(json(first).get("job_id"));
        assertThat(replay.getHeaders()).containsEntry("Location", first.getHeaders().get("Location"));
        assertThat(fixture.store.jobs()).hasSize(1);
    }

    @Test
    void treatsKeyOrderWhitespaceAndAnExplicitDefaultAsTheSameBody() {
        fixture.handle(idempotentPost(BODY));

        APIGatewayV2HTTPResponse replay = fixture.handle(idempotentPost("{ \"custom_id\": \"row-17\",\n"
                + "  \"max_new_tokens\": 128, \"prompt\": \"Summarize: the meeting moved to Tuesday\" }"));

        assertThat(replay.getStatusCode()).isEqualTo(200);
        assertThat(fixture.store.jobs()).hasSize(1);
    }

    @Test
    void sendsTheMessageOfAStillQueuedJobAgainOnReplay() {
        String jobId = json(fixture.handle(idempotentPost(BODY))).get("job_id").asText();

        fixture.handle(idempotentPost(BODY));

        assertThat(fixture.queue.enqueued()).containsExactly(jobId, jobId);
    }

    @Test
    void doesNotSendTheMessageAgainForAJobThatLeftTheQueue() {
        String jobId = json(fixture.handle(idempotentPost(BODY))).get("job_id").asText();
        fixture.store.claim(jobId, fixture.clock.instant(), Duration.ofMinutes(1), 1);

        APIGatewayV2HTTPResponse replay = fixture.handle(idempotentPost(BODY));

        assertThat(replay.getStatusCode()).isEqualTo(200);
        assertThat(json(replay).get("status").asText()).isEqualTo("running");
        assertThat(fixture.queue.enqueued()).containsExactly(jobId);
    }

    @Test
    void refusesTheSameKeyWithAnotherBodyAsAConflict() {
        fixture.handle(idempotentPost(BODY));

        APIGatewayV2HTTPResponse reuse = fixture.handle(idempotentPost("{\"prompt\":\"Something else\"}"));

        assertThat(reuse.getStatusCode()).isEqualTo(409);
        assertThat(json(reuse).at("/error/code").asText()).isEqualTo("conflict");
        assertThat(json(reuse).at("/error/message").asText()).contains("Idempotency-Key");
        assertThat(fixture.store.jobs()).hasSize(1);
        assertThat(fixture.queue.enqueued()).hasSize(1);
    }

    @Test
    void keepsTheKeysOfDifferentOwnersApart() {
        APIGatewayV2HTTPResponse alice = fixture.handle(idempotentPost(BODY));
        APIGatewayV2HTTPResponse bob = fixture.handle(as("user-bob", idempotentPost(BODY)));

        assertThat(bob.getStatusCode()).isEqualTo(202);
        assertThat(json(bob).get("job_id")).isNotEqualTo(json(alice).get("job_id"));
        assertThat(fixture.store.jobs()).hasSize(2);
    }

    @Test
    void createsAndEnqueuesTheJobWhenTheFirstAttemptDiedAfterReservingTheKey() {
        Instant reservedAt = SubmitFixture.NOW.minusSeconds(3);
        JobRequest request = new JobRequest("Summarize: the meeting moved to Tuesday", 128, "row-17", Map.of());
        fixture.store.reserveIdempotencyKey(new IdempotencyRecord(ALICE, KEY, RequestHash.of(request),
                "3f0e1d2c-crashed-before-create", reservedAt));

        APIGatewayV2HTTPResponse replay = fixture.handle(idempotentPost(BODY));

        assertThat(replay.getStatusCode()).isEqualTo(200);
        assertThat(json(replay).get("job_id").asText()).isEqualTo("3f0e1d2c-crashed-before-create");
        assertThat(fixture.store.find("3f0e1d2c-crashed-before-create")).hasValueSatisfying(job -> {
            assertThat(job.status()).isEqualTo(JobStatus.QUEUED);
            assertThat(job.createdAt()).isEqualTo(reservedAt);
        });
        assertThat(fixture.queue.enqueued()).containsExactly("3f0e1d2c-crashed-before-create");
    }

    @Test
    void createsTheJobOnRetryAfterTheQueueFailedTheFirstAttempt() {
        fixture.queue.failFromNowOn();
        APIGatewayV2HTTPResponse failed = fixture.handle(idempotentPost(BODY));
        RecordingJobQueue recoveredQueue = new RecordingJobQueue();

        APIGatewayV2HTTPResponse retry = fixture.handlerWith(recoveredQueue)
                .handleRequest(idempotentPost(BODY), fixture.context);

        assertThat(failed.getStatusCode()).isEqualTo(500);
        assertThat(retry.getStatusCode()).isEqualTo(200);
        String jobId = json(retry).get("job_id").asText();
        assertThat(fixture.store.jobs()).singleElement().satisfies(job -> assertThat(job.jobId()).isEqualTo(jobId));
        assertThat(recoveredQueue.enqueued()).containsExactly(jobId);
    }

    private static APIGatewayV2HTTPEvent idempotentPost(String body) {
        APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent("apigw/post-job-idempotent.json");
        event.setBody(body);
        return event;
    }
}
