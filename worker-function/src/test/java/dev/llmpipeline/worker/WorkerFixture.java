package dev.llmpipeline.worker;

import com.amazonaws.services.lambda.runtime.events.SQSEvent.SQSMessage;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import dev.llmpipeline.core.aws.SqsJobQueue;
import dev.llmpipeline.core.job.GenerationParams;
import dev.llmpipeline.core.job.Job;
import dev.llmpipeline.core.testing.InMemoryJobStore;
import dev.llmpipeline.core.testing.MutableClock;
import dev.llmpipeline.core.testing.ScriptedModelEndpoint;
import dev.llmpipeline.core.time.Pause;
import dev.llmpipeline.core.testing.RecordingMetrics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.IntFunction;

/**
 * The worker over fakes: an in-memory table, a scripted endpoint, a hand-moved clock and a sleeper that only
 * records (and lets the clock pass) the waits it is asked for. Everything runs on the calling thread.
 * The SQS events under {@code src/test/resources/sqs/} were sent at {@link #SENT}, 20 ms after the jobs were created.
 */
final class WorkerFixture {
    static final Instant CREATED = Instant.parse("2026-01-01T00:00:00Z");
    static final Instant SENT = CREATED.plusMillis(20);
    static final Duration LEASE = Duration.ofSeconds(75);
    static final int MAX_RECEIVE_COUNT = 5;
    static final String OWNER = "user-alice";

    final MutableClock clock = new MutableClock(CREATED.plusMillis(500));
    final InMemoryJobStore store = new InMemoryJobStore();
    final ScriptedModelEndpoint endpoint = new ScriptedModelEndpoint();
    final List<Duration> waits = new CopyOnWriteArrayList<>();
    final RecordingMetrics metrics = new RecordingMetrics();
    final Pause sleeper = duration -> {
        waits.add(duration);
        clock.advance(duration);
    };

    MicroBatchEngine engine(int microBatchSize) {
        return new MicroBatchEngine(endpoint, microBatchSize, Runnable::run, Backoff.standard(), sleeper, clock,
                metrics);
    }

    JobBatchProcessor processor(int microBatchSize) {
        return new JobBatchProcessor(store, engine(microBatchSize), Runnable::run, LEASE, MAX_RECEIVE_COUNT, clock,
                metrics);
    }

    /** A deadline a minute away: time enough for anything a test does. */
    Instant farDeadline() {
        return clock.instant().plus(Duration.ofMinutes(1));
    }

    /** Stores a queued job for each message of the event, with the prompt {@code promptOf.apply(index)}. */
    List<Job> queueJobsFor(SQSEvent event, IntFunction<String> promptOf, int maxNewTokens) {
        List<Job> jobs = new ArrayList<>();
        List<SQSMessage> records = event.getRecords();
        for (int index = 0; index < records.size(); index++) {
            String jobId = SqsJobQueue.jobIdOf(records.get(index).getBody()).orElseThrow();
            jobs.add(queueJob(jobId, promptOf.apply(index), maxNewTokens));
        }
        return jobs;
    }

    Job queueJob(String jobId, String prompt, int maxNewTokens) {
        Job job = Job.queued(jobId, OWNER, prompt, new GenerationParams(maxNewTokens), null, null, Map.of(), CREATED,
                null);
        store.create(job);
        return job;
    }

    Job job(String jobId) {
        return store.find(jobId).orElseThrow();
    }

    static SQSEvent event(String resource) {
        return EventLoader.loadSQSEvent(resource);
    }

    static String jobIdOf(SQSMessage message) {
        return SqsJobQueue.jobIdOf(message.getBody()).orElseThrow();
    }

    static List<String> messageIds(SQSEvent event) {
        return event.getRecords().stream().map(SQSMessage::getMessageId).toList();
    }

    /** A claimed job as the processor hands it to the engine, for engine-level tests. */
    static ClaimedJob claimed(String jobId, String prompt, int maxNewTokens) {
        Job job = Job.queued(jobId, OWNER, prompt, new GenerationParams(maxNewTokens), null, null, Map.of(), CREATED,
                null);
        return new ClaimedJob(job, "token-" + jobId, "message-" + jobId, SENT, SENT.plusMillis(480), 1);
    }
}
