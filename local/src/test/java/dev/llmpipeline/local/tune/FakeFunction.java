package dev.llmpipeline.local.tune;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The function behind {@link FakeLambdaApi}: its memory, the state of its last update, and a deterministic model of
 * its invocations. Work of 51,200 MB·ms plus 5 ms, so the duration halves as the memory doubles:
 * {@code 5 + 51200 / memoryMb} ms, plus 0, 0.5 or 1 ms by turns on warm invocations (to tell P50 from P99). An init
 * phase of {@code 300 + 102400 / memoryMb} ms on the first invocation after each change of configuration. Below
 * 200 MB it runs out of memory, and an event containing {@link #FAIL_MARKER} makes it throw. Not thread-safe: the
 * fake serves one request at a time.
 */
final class FakeFunction {
    static final String FAIL_MARKER = "__fail__";
    static final int OUT_OF_MEMORY_BELOW_MB = 200;

    /** What one invocation gave: the log tail, and the error payload if it failed. */
    record Invocation(String logTail, String functionError, String errorPayload) {}

    private final String architecture;
    private int memoryMb;
    private int updatingToMb;
    private int inProgressReadsLeft;
    private boolean updatesNeverFinish;
    private boolean coldNext = true;
    private int warmSinceChange;
    private int requests;
    private final List<Integer> memoryUpdates = new ArrayList<>();
    private int inProgressAnswers;
    private int invocationsDuringUpdate;

    FakeFunction(int memoryMb, String architecture) {
        this.memoryMb = memoryMb;
        this.updatingToMb = memoryMb;
        this.architecture = architecture;
    }

    String architecture() {
        return architecture;
    }

    /** The memory the function reports: the new size as soon as an update has begun. */
    int memoryMb() {
        return updatingToMb;
    }

    boolean updating() {
        return inProgressReadsLeft > 0;
    }

    /** Begins an update; the first read of the configuration after it still finds it in progress. */
    void update(int newMemoryMb) {
        memoryUpdates.add(newMemoryMb);
        updatingToMb = newMemoryMb;
        inProgressReadsLeft = 1;
    }

    /** One read of the configuration: {@code InProgress} once after an update, then the update is done. */
    String readUpdateStatus() {
        if (inProgressReadsLeft == 0) {
            return "Successful";
        }
        inProgressAnswers++;
        if (!updatesNeverFinish) {
            inProgressReadsLeft--;
        }
        if (inProgressReadsLeft == 0) {
            // The update is done: new environments with the new memory, so the next invocation is a cold start.
            memoryMb = updatingToMb;
            coldNext = true;
            warmSinceChange = 0;
        }
        return "InProgress";
    }

    Invocation invoke(String event) {
        if (updating()) {
            invocationsDuringUpdate++;
        }
        String requestId = String.format(Locale.ROOT, "00000000-0000-4000-8000-%012d", ++requests);
        boolean cold = coldNext;
        coldNext = false;
        if (memoryMb < OUT_OF_MEMORY_BELOW_MB) {
            coldNext = true; // the runtime was killed: the environment is gone
            return new Invocation(tail(requestId, baseDurationMs(), memoryMb, cold, "\tStatus: error\tError Type: "
                    + "Runtime.OutOfMemory"), "Unhandled", "{\"errorType\":\"Runtime.OutOfMemory\",\"errorMessage\":"
                    + "\"RequestId: " + requestId + " Error: Runtime exited with error: signal: killed\"}");
        }
        double durationMs = cold ? baseDurationMs() : baseDurationMs() + (warmSinceChange++ % 3) * 0.5;
        int usedMb = 80 + memoryMb / 8;
        if (event.contains(FAIL_MARKER)) {
            return new Invocation(tail(requestId, durationMs, usedMb, cold, ""), "Unhandled",
                    "{\"errorType\":\"java.lang.IllegalStateException\",\"errorMessage\":\"sample event refused\","
                            + "\"stackTrace\":[\"example.Handler.handleRequest(Handler.java:12)\"]}");
        }
        return new Invocation(tail(requestId, durationMs, usedMb, cold, ""), null, null);
    }

    private double baseDurationMs() {
        return 5 + 51_200.0 / memoryMb;
    }

    private String tail(String requestId, double durationMs, int usedMb, boolean cold, String trailer) {
        return "START RequestId: " + requestId + " Version: $LATEST\n"
                + "2026-12-04T10:00:00.000Z " + requestId + " INFO handling the sample event\n"
                + "END RequestId: " + requestId + "\n"
                + String.format(Locale.ROOT, "REPORT RequestId: %s\tDuration: %.2f ms\tBilled Duration: %d ms\t"
                        + "Memory Size: %d MB\tMax Memory Used: %d MB\t", requestId, durationMs,
                        (long) Math.ceil(durationMs), memoryMb, usedMb)
                + (cold ? String.format(Locale.ROOT, "Init Duration: %.2f ms\t", 300 + 102_400.0 / memoryMb) : "")
                + trailer + "\n";
    }

    void neverFinishUpdates() {
        updatesNeverFinish = true;
    }

    /** Every memory size an update asked for, in order. */
    List<Integer> memoryUpdates() {
        return List.copyOf(memoryUpdates);
    }

    /** How many reads of the configuration found an update in progress. */
    int inProgressAnswers() {
        return inProgressAnswers;
    }

    /** How many invocations came while an update was in progress (a client that did not wait). */
    int invocationsDuringUpdate() {
        return invocationsDuringUpdate;
    }
}
