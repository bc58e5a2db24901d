package dev.llmpipeline.core.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.llmpipeline.core.json.Json;
import dev.llmpipeline.core.port.JobQueue;
import dev.llmpipeline.core.port.QueueException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * {@link JobQueue} on an SQS standard queue. A message carries only the job id: the table is the one source of
 * truth, and the worker reads the job when it claims it. Sends in batches of ten, the SQS maximum, and sends again
 * the entries a batch reported as failed. Thread-safe.
 */
public final class SqsJobQueue implements JobQueue {
    /** <a href="https://docs.aws.amazon.com/AWSSimpleQueueService/latest/APIReference/API_SendMessageBatch.html">At most 10 entries per batch.</a> */
    static final int MAX_BATCH = 10;
    private static final int ATTEMPTS = 3;

    private final SqsClient sqs;
    private final String queueUrl;

    public SqsJobQueue(SqsClient sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void enqueue(List<String> jobIds) {
        for (int start = 0; start < jobIds.size(); start += MAX_BATCH) {
            sendBatch(jobIds.subList(start, Math.min(jobIds.size(), start + MAX_BATCH)));
        }
    }

    /** The body of a job's message. */
    public static String messageBody(String jobId) {
        return Json.write(Map.of("job_id", jobId));
    }

    /** The job id a message body carries, or empty for a body that is not a job message. */
    public static Optional<String> jobIdOf(String body) {
        try {
            JsonNode jobId = Json.parse(body).path("job_id");
            return jobId.isTextual() && !jobId.textValue().isBlank() ? Optional.of(jobId.textValue()) : Optional.empty();
        } catch (JsonProcessingException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private void sendBatch(List<String> jobIds) {
        List<String> pending = jobIds;
        SdkException lastError = null;
        for (int attempt = 1; attempt <= ATTEMPTS && !pending.isEmpty(); attempt++) {
            List<String> batch = pending;
            List<SendMessageBatchRequestEntry> entries = IntStream.range(0, batch.size())
                    .mapToObj(index -> SendMessageBatchRequestEntry.builder()
                            .id(Integer.toString(index))
                            .messageBody(messageBody(batch.get(index)))
                            .build())
                    .collect(Collectors.toList());
            try {
                SendMessageBatchResponse response = sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
                Set<Integer> failed = response.failed().stream()
                        .map(entry -> Integer.parseInt(entry.id()))
                        .collect(Collectors.toSet());
                List<String> retry = new ArrayList<>();
                for (int index : failed) {
                    retry.add(batch.get(index));
                }
                pending = retry;
            } catch (SdkException e) {
                // The SDK has retried already; one more round covers a batch lost to a transient fault.
                lastError = e;
            }
        }
        if (!pending.isEmpty()) {
            throw new QueueException("could not enqueue " + pending.size() + " job(s) after " + ATTEMPTS
                    + " attempts", lastError);
        }
    }
}
