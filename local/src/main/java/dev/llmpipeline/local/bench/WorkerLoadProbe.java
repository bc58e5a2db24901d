package dev.llmpipeline.local.bench;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.llmpipeline.local.lambda.LocalContext;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One worker execution environment under load, in a JVM sized like the Lambda function's: it builds the worker from
 * the process environment and feeds it the given jobs in SQS events of the template's batch size, one invocation
 * after the other as Lambda does in one environment. Messages the worker hands back come again in a later event with
 * their receive count raised, up to the queue's maximum, as the queue would redeliver them. It then prints the
 * memory the environment needed: the peak of the heap's pools, the heap still live after a full collection, and
 * the process's peak resident set (what Lambda reports as Max Memory Used).
 *
 * <p>Like {@link ColdStartProbe}, it uses only the JDK, the Lambda runtime interfaces the function's jar bundles and
 * {@link LocalContext}, which uses nothing else.
 * Arguments: the handler class, a file of job ids (one a line), the queue ARN, the batch size, the maximum receive
 * count. Prints {@code memory heap_peak_mb=H heap_live_mb=L rss_peak_mb=R invocations=N returned=M}.
 */
public final class WorkerLoadProbe {
    static final String MEMORY = "memory";
    static final int MEMORY_MB = 512;
    static final Duration TIMEOUT = Duration.ofSeconds(60);

    private WorkerLoadProbe() {
    }

    public static void main(String[] args) throws ReflectiveOperationException, IOException {
        @SuppressWarnings("unchecked")
        RequestHandler<SQSEvent, SQSBatchResponse> handler = (RequestHandler<SQSEvent, SQSBatchResponse>)
                Class.forName(args[0]).getConstructor().newInstance();
        List<String> pending = new ArrayList<>(Files.readAllLines(Path.of(args[1]), StandardCharsets.UTF_8));
        String queueArn = args[2];
        int batchSize = Integer.parseInt(args[3]);
        int maxReceiveCount = Integer.parseInt(args[4]);
        Map<String, Integer> receives = new HashMap<>();
        int invocations = 0;
        int returned = 0;
        while (!pending.isEmpty()) {
            List<String> batch = new ArrayList<>(pending.subList(0, Math.min(batchSize, pending.size())));
            pending.subList(0, batch.size()).clear();
            Map<String, String> jobByMessage = new HashMap<>();
            SQSEvent event = new SQSEvent();
            List<SQSEvent.SQSMessage> records = new ArrayList<>();
            for (String jobId : batch) {
                int receive = receives.merge(jobId, 1, Integer::sum);
                SQSEvent.SQSMessage message = jobMessage(jobId, receive, queueArn);
                jobByMessage.put(message.getMessageId(), jobId);
                records.add(message);
            }
            event.setRecords(records);
            SQSBatchResponse response = handler.handleRequest(event,
                    new LocalContext("WorkerFunction", MEMORY_MB, TIMEOUT, Clock.systemUTC()));
            invocations++;
            for (SQSBatchResponse.BatchItemFailure failure : response.getBatchItemFailures()) {
                String jobId = jobByMessage.get(failure.getItemIdentifier());
                returned++;
                if (jobId != null && receives.get(jobId) < maxReceiveCount) {
                    pending.add(jobId);
                }
            }
        }
        long heapPeak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                heapPeak += pool.getPeakUsage().getUsed();
            }
        }
        System.gc();
        long heapLive = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        System.out.printf("%s heap_peak_mb=%d heap_live_mb=%d rss_peak_mb=%d invocations=%d returned=%d%n", MEMORY,
                heapPeak >> 20, heapLive >> 20, residentPeakMb(), invocations, returned);
        System.out.flush();
        if (handler instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                // The measurement is over; the JVM exits next.
            }
        }
    }

    /** One message of a job, as the event source hands it over on its {@code receiveCount}-th delivery. */
    static SQSEvent.SQSMessage jobMessage(String jobId, int receiveCount, String queueArn) {
        String now = Long.toString(System.currentTimeMillis());
        SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
        message.setMessageId(UUID.randomUUID().toString());
        message.setReceiptHandle(UUID.randomUUID().toString());
        message.setBody("{\"job_id\":\"" + jobId + "\"}");
        message.setAttributes(Map.of("ApproximateReceiveCount", Integer.toString(receiveCount), "SentTimestamp", now,
                "ApproximateFirstReceiveTimestamp", now));
        message.setMessageAttributes(Map.of());
        message.setEventSource("aws:sqs");
        message.setEventSourceArn(queueArn);
        return message;
    }

    /** The peak resident set of this process (Linux: VmHWM), or -1 where /proc is not there. */
    private static long residentPeakMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
