package dev.llmpipeline.core.aws;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * A DynamoDB client whose {@code BatchWriteItem} leaves the last {@code unprocessedPerCall} items of its first
 * {@code throttledCalls} requests unprocessed, as DynamoDB does under throttling, and writes the rest. Records every
 * request and every item written. Only {@code BatchWriteItem} is supported. Thread-safe.
 */
final class UnprocessedItemsDynamoDbClient implements DynamoDbClient {
    private final int throttledCalls;
    private final int unprocessedPerCall;
    private final List<Integer> requestSizes = new CopyOnWriteArrayList<>();
    private final List<String> written = new CopyOnWriteArrayList<>();

    UnprocessedItemsDynamoDbClient(int throttledCalls, int unprocessedPerCall) {
        this.throttledCalls = throttledCalls;
        this.unprocessedPerCall = unprocessedPerCall;
    }

    /** The number of items of each request, in order. */
    List<Integer> requestSizes() {
        return new ArrayList<>(requestSizes);
    }

    /** The job ids of every item written, duplicates included. */
    List<String> writtenJobIds() {
        return new ArrayList<>(written);
    }

    @Override
    public synchronized BatchWriteItemResponse batchWriteItem(BatchWriteItemRequest request) {
        if (request.requestItems().size() != 1) {
            throw new IllegalArgumentException("one table per request expected: " + request.requestItems().keySet());
        }
        Map.Entry<String, List<WriteRequest>> table = request.requestItems().entrySet().iterator().next();
        List<WriteRequest> items = table.getValue();
        if (items.size() > 25) {
            throw new IllegalArgumentException("BatchWriteItem takes at most 25 items, got " + items.size());
        }
        requestSizes.add(items.size());
        int unprocessed = requestSizes.size() <= throttledCalls ? Math.min(unprocessedPerCall, items.size()) : 0;
        List<WriteRequest> processed = items.subList(0, items.size() - unprocessed);
        processed.forEach(item -> written.add(jobIdOf(item)));
        List<WriteRequest> left = items.subList(items.size() - unprocessed, items.size());
        return BatchWriteItemResponse.builder()
                .unprocessedItems(left.isEmpty() ? Map.of() : Map.of(table.getKey(), List.copyOf(left)))
                .build();
    }

    private static String jobIdOf(WriteRequest item) {
        AttributeValue jobId = item.putRequest().item().get("job_id");
        return jobId.s();
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {
    }
}
