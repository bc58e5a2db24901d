package dev.llmpipeline.local.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.llmpipeline.core.aws.SqsJobQueue;
import dev.llmpipeline.core.port.QueueException;
import dev.llmpipeline.local.aws.QueueServer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/** {@link SqsJobQueue} against ElasticMQ: one message per job id, in batches, with the job id as the only payload. */
class SqsJobQueueIT {
    private static final Duration RECEIVE_DEADLINE = Duration.ofSeconds(15);

    private static QueueServer server;
    private static SqsClient sqs;

    @BeforeAll
    static void startQueueServer() {
        server = QueueServer.start(0);
        sqs = SqsClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    @AfterAll
    static void stopQueueServer() {
        if (sqs != null) {
            sqs.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void enqueuesOneMessagePerJobIdAcrossSeveralBatches() {
        String queueUrl = newQueue();
        List<String> jobIds = IntStream.range(0, 25).mapToObj(index -> UUID.randomUUID().toString()).toList();

        new SqsJobQueue(sqs, queueUrl).enqueue(jobIds);

        List<Message> messages = receiveAll(queueUrl, jobIds.size());
        assertThat(messages).hasSize(25);
        assertThat(messages).allSatisfy(message -> assertThat(message.body())
                .isEqualTo("{\"job_id\":\"" + SqsJobQueue.jobIdOf(message.body()).orElseThrow() + "\"}"));
        assertThat(messages.stream().map(message -> SqsJobQueue.jobIdOf(message.body()).orElseThrow()))
                .containsExactlyInAnyOrderElementsOf(jobIds);
        assertThat(sqs.receiveMessage(b -> b.queueUrl(queueUrl).waitTimeSeconds(0)).messages())
                .as("messages beyond one per job").isEmpty();
    }

    @Test
    void enqueuesNothingForNoJobs() {
        String queueUrl = newQueue();

        new SqsJobQueue(sqs, queueUrl).enqueue(List.of());

        assertThat(sqs.receiveMessage(b -> b.queueUrl(queueUrl).waitTimeSeconds(1)).messages()).isEmpty();
    }

    @Test
    void readsBackTheJobIdOfAMessageBody() {
        String jobId = UUID.randomUUID().toString();

        assertThat(SqsJobQueue.jobIdOf(SqsJobQueue.messageBody(jobId))).contains(jobId);
        assertThat(SqsJobQueue.messageBody(jobId)).isEqualTo("{\"job_id\":\"" + jobId + "\"}");
    }

    @Test
    void findsNoJobIdInABodyThatIsNotAJobMessage() {
        assertThat(List.of("", "not json", "[]", "{}", "{\"job_id\": 5}", "{\"job_id\": \"  \"}", "{\"id\": \"x\"}"))
                .allSatisfy(body -> assertThat(SqsJobQueue.jobIdOf(body)).as("job id of %s", body)
                        .isEqualTo(Optional.empty()));
    }

    @Test
    void reportsAQueueExceptionWhenTheQueueIsGone() {
        String queueUrl = newQueue();
        sqs.deleteQueue(b -> b.queueUrl(queueUrl));
        var queue = new SqsJobQueue(sqs, queueUrl);

        assertThatThrownBy(() -> queue.enqueue(List.of("job-1"))).isInstanceOf(QueueException.class)
                .hasMessageContaining("1 job(s)");
    }

    private static String newQueue() {
        return sqs.createQueue(b -> b.queueName("jobs-" + UUID.randomUUID().toString().substring(0, 8))).queueUrl();
    }

    private static List<Message> receiveAll(String queueUrl, int expected) {
        List<Message> messages = new ArrayList<>();
        Instant deadline = Instant.now().plus(RECEIVE_DEADLINE);
        // Long polls pace the loop: each waits up to a second for messages to arrive.
        while (messages.size() < expected && Instant.now().isBefore(deadline)) {
            messages.addAll(sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(1)).messages());
        }
        return messages;
    }
}
