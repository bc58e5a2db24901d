package dev.llmpipeline.core.testing;

import dev.llmpipeline.core.port.JobQueue;
import dev.llmpipeline.core.port.QueueException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link JobQueue} that records what was enqueued, and can be told to fail. Thread-safe. */
public final class RecordingJobQueue implements JobQueue {
    private final List<String> enqueued = new CopyOnWriteArrayList<>();
    private volatile boolean failing;

    @Override
    public void enqueue(List<String> jobIds) {
        if (failing) {
            throw new QueueException("queue unavailable (test)", null);
        }
        enqueued.addAll(jobIds);
    }

    /** Every job id enqueued, in order, duplicates included. */
    public List<String> enqueued() {
        return new ArrayList<>(enqueued);
    }

    /** Makes every following {@link #enqueue} fail. */
    public void failFromNowOn() {
        failing = true;
    }
}
