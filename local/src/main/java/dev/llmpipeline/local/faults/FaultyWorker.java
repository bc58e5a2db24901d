package dev.llmpipeline.local.faults;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.llmpipeline.worker.WorkerHandler;
import java.util.Map;

/**
 * One execution environment of the worker under the local stack's observation: its store counts completions in the
 * ledger, and the invocations the schedule picks die after claiming their jobs and before storing, as a
 * timeout or an out-of-memory error would end them. The messages of a dead invocation come back after the
 * visibility timeout, and its jobs are claimed again once their lease has run out.
 */
public final class FaultyWorker implements RequestHandler<SQSEvent, SQSBatchResponse>, AutoCloseable {
    private final WorkerHandler worker;
    private final CompletionLedger ledger;
    private final CrashSchedule crashes;
    private volatile boolean doomed;

    /** Builds the environment: the worker's init with its store wrapped. */
    public FaultyWorker(Map<String, String> environment, CompletionLedger ledger, CrashSchedule crashes) {
        this.ledger = ledger;
        this.crashes = crashes;
        this.worker = new WorkerHandler(environment,
                store -> new ObservedJobStore(store, ledger, () -> doomed));
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        doomed = crashes.nextInvocationCrashes();
        try {
            return worker.handleRequest(event, context);
        } catch (RuntimeException | Error e) {
            if (doomed && causedByCrash(e)) {
                ledger.recordCrash();
                throw new InvocationCrash();
            }
            throw e;
        }
    }

    /** Closes the worker: its environment is being replaced or the stack stops. */
    @Override
    public void close() {
        worker.close();
    }

    private static boolean causedByCrash(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvocationCrash) {
                return true;
            }
        }
        return false;
    }
}
