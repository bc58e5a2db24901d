package dev.llmpipeline.local.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/** Drives the embedded ElasticMQ with the real SDK v2 client, as the functions and the local stack do. */
class QueueServerIT {

    private static final Duration DEADLINE = Duration.ofSeconds(15);

    private static QueueServer server;
    private static SqsClient sqs;

    @BeforeAll
    static void startServer() {
        server = QueueServer.start(0);
        sqs = client(server);
    }

    private static SqsClient client(QueueServer queueServer) {
        // Explicit region, credentials and endpoint: nothing may look for an AWS address.
        return SqsClient.builder()
                .endpointOverride(queueServer.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    @AfterAll
    static void stopServer() {
        if (sqs != null) {
            sqs.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void listensOnLoopbackOnly() {
        assertThat(server.endpoint().getHost()).isEqualTo("127.0.0.1");
        assertThat(server.endpoint().getPort()).isPositive();
    }

    @Test
    void receivesMessagesWithSystemAttributes() {
        String queueUrl = createQueue("jobs", Map.of());

        sqs.sendMessage(request -> request.queueUrl(queueUrl).messageBody("{\"job_id\":\"1\"}"));
        Message message = receiveOne(queueUrl, 1).orElseThrow();

        assertThat(message.body()).isEqualTo("{\"job_id\":\"1\"}");
        assertThat(message.attributes())
                .containsKey(MessageSystemAttributeName.SENT_TIMESTAMP)
                .containsEntry(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "1");
    }

    @Test
    void namesQueuesLikeAws() {
        String queueUrl = createQueue("named", Map.of());

        assertThat(queueUrl).startsWith(server.endpoint() + "/000000000000/");
        assertThat(queueArn(queueUrl)).startsWith("arn:aws:sqs:us-east-1:000000000000:");
    }

    @Test
    void movesMessageToDeadLetterQueueAfterMaxReceiveCount() {
        String deadLetterUrl = createQueue("jobs-dlq", Map.of());
        String redrivePolicy = "{\"maxReceiveCount\":\"2\",\"deadLetterTargetArn\":\"" + queueArn(deadLetterUrl) + "\"}";
        String queueUrl = createQueue("jobs", Map.of(QueueAttributeName.REDRIVE_POLICY, redrivePolicy));
        sqs.sendMessage(request -> request.queueUrl(queueUrl).messageBody("poison"));

        // Each receive that is not followed by a delete counts; visibility 0 makes the message due again at once.
        List<String> receiveCounts = new ArrayList<>();
        Optional<Message> deadLettered = Optional.empty();
        Instant deadline = Instant.now().plus(DEADLINE);
        while (deadLettered.isEmpty() && Instant.now().isBefore(deadline)) {
            receiveOne(queueUrl, 1).ifPresent(message -> {
                receiveCounts.add(message.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT));
                sqs.changeMessageVisibility(request -> request.queueUrl(queueUrl)
                        .receiptHandle(message.receiptHandle()).visibilityTimeout(0));
            });
            deadLettered = receiveOne(deadLetterUrl, 0); // the long poll on the main queue paces this loop
        }

        assertThat(deadLettered).map(Message::body).contains("poison");
        assertThat(receiveCounts).containsExactly("1", "2");
    }

    @Test
    void deletesBatchOfTen() {
        String queueUrl = createQueue("batch", Map.of());
        sqs.sendMessageBatch(request -> request.queueUrl(queueUrl).entries(IntStream.range(0, 10)
                .mapToObj(i -> SendMessageBatchRequestEntry.builder().id("m" + i).messageBody("job " + i).build())
                .toList()));

        List<Message> received = new ArrayList<>();
        Instant deadline = Instant.now().plus(DEADLINE);
        while (received.size() < 10 && Instant.now().isBefore(deadline)) {
            received.addAll(sqs.receiveMessage(request -> request.queueUrl(queueUrl)
                    .maxNumberOfMessages(10).waitTimeSeconds(1)).messages());
        }
        DeleteMessageBatchResponse deleted = sqs.deleteMessageBatch(request -> request.queueUrl(queueUrl)
                .entries(received.stream()
                        .map(message -> DeleteMessageBatchRequestEntry.builder()
                                .id(message.messageId()).receiptHandle(message.receiptHandle()).build())
                        .toList()));

        assertThat(received).hasSize(10);
        assertThat(deleted.successful()).hasSize(10);
        assertThat(deleted.failed()).isEmpty();
        Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(request -> request.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
        assertThat(attributes).containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0")
                .containsEntry(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "0");
    }

    @Test
    void closesWithoutWaitingForLongPolls() {
        QueueServer another = QueueServer.start(0);
        SqsClient client = client(another);
        String queueUrl = client.createQueue(request -> request.queueName("idle")).queueUrl();
        CompletableFuture<?> longPoll = CompletableFuture.runAsync(
                () -> client.receiveMessage(request -> request.queueUrl(queueUrl).waitTimeSeconds(20)));

        Instant closing = Instant.now();
        another.close();
        another.close();

        assertThat(Duration.between(closing, Instant.now())).isLessThan(Duration.ofSeconds(10));
        assertThatThrownBy(() -> client.listQueues()).isInstanceOf(SdkClientException.class);
        longPoll.handle((ignored, error) -> null).join();
        client.close();
    }

    @Test
    void refusesPortInUse() {
        assertThatThrownBy(() -> QueueServer.start(server.endpoint().getPort()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Cannot start ElasticMQ on 127.0.0.1:" + server.endpoint().getPort());
    }

    private static String createQueue(String prefix, Map<QueueAttributeName, String> attributes) {
        String name = prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        return sqs.createQueue(request -> request.queueName(name).attributes(attributes)).queueUrl();
    }

    private static String queueArn(String queueUrl) {
        return sqs.getQueueAttributes(request -> request.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
    }

    private static Optional<Message> receiveOne(String queueUrl, int waitSeconds) {
        return sqs.receiveMessage(request -> request.queueUrl(queueUrl).waitTimeSeconds(waitSeconds)
                        .messageSystemAttributeNames(MessageSystemAttributeName.ALL))
                .messages().stream().findFirst();
    }
}
