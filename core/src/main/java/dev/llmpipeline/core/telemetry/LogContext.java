package dev.llmpipeline.core.telemetry;

import java.util.Map;
import java.util.concurrent.Executor;
import org.slf4j.MDC;

/**
 * Carries the log context (SLF4J MDC: request id, cold start, job id...) of the thread that hands work to a pool
 * over to the thread that runs it, so the lines the worker's pools log name their invocation.
 */
public final class LogContext {

    private LogContext() {
    }

    /** An executor that runs each task with the log context its submitter had, and restores the thread's after. */
    public static Executor propagating(Executor executor) {
        return task -> {
            Map<String, String> submitter = MDC.getCopyOfContextMap();
            executor.execute(() -> {
                Map<String, String> own = MDC.getCopyOfContextMap();
                replace(submitter);
                try {
                    task.run();
                } finally {
                    replace(own);
                }
            });
        };
    }

    /** Puts {@code job_id}, and {@code batch_id} when the job has one, on the lines logged until it is closed. */
    public static Scope forJob(String jobId, String batchId) {
        MDC.put(LogKeys.JOB_ID, jobId);
        if (batchId != null) {
            MDC.put(LogKeys.BATCH_ID, batchId);
        }
        return () -> {
            MDC.remove(LogKeys.JOB_ID);
            MDC.remove(LogKeys.BATCH_ID);
        };
    }

    /** Log keys in place until closed. */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    private static void replace(Map<String, String> context) {
        if (context == null) {
            MDC.clear();
        } else {
            MDC.setContextMap(context);
        }
    }
}
