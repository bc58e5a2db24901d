package dev.llmpipeline.local.bench;

/**
 * How much the bench runs. Every job asks for {@link #maxNewTokens} with a prompt of about 60 characters, so every
 * phase and both designs decode the same work.
 *
 * @param timeScale          the emulator's (and stack's) time scale: 1 is real time, as the targets are stated
 * @param maxNewTokens       the bound of every job
 * @param microBatchSize     prompts per endpoint call on the throughput profile
 * @param warmupJobs         short jobs (one token) each design runs before it is measured at light load: the
 *                           JITs of this JVM and of the local servers, connection pools
 * @param latencyJobs        sequential jobs of the pipeline at light load
 * @param articleLatencyJobs sequential requests of the article's design at light load
 * @param saturationJobs     jobs of the pipeline's saturation run (a multiple of the micro-batch size)
 * @param articleSaturationJobs requests of the article's design at saturation
 * @param articleClients     concurrent clients driving the article's design to saturation
 * @param coldStartRuns      fresh JVMs per function; the median is reported
 * @param uploadLines        lines of the timed batch upload
 */
public record BenchPlan(boolean quick, double timeScale, int maxNewTokens, int microBatchSize, int warmupJobs,
                 int latencyJobs, int articleLatencyJobs, int saturationJobs, int articleSaturationJobs,
                 int articleClients, int coldStartRuns, int uploadLines) {

    public static BenchPlan fullRun() {
        return new BenchPlan(false, 1.0, 32, 32, 300, 200, 60, 640, 40, 4, 3, 10_000);
    }

    /** Under two minutes: fewer jobs everywhere; the upload keeps its 10,000 lines, since that is the target. */
    public static BenchPlan quickRun() {
        return new BenchPlan(true, 1.0, 32, 32, 150, 30, 12, 192, 10, 4, 1, 10_000);
    }

    public BenchPlan withTimeScale(double scale) {
        return new BenchPlan(quick, scale, maxNewTokens, microBatchSize, warmupJobs, latencyJobs, articleLatencyJobs,
                saturationJobs, articleSaturationJobs, articleClients, coldStartRuns, uploadLines);
    }

    public BenchPlan withUploadLines(int lines) {
        return new BenchPlan(quick, timeScale, maxNewTokens, microBatchSize, warmupJobs, latencyJobs,
                articleLatencyJobs, saturationJobs, articleSaturationJobs, articleClients, coldStartRuns, lines);
    }

    /** A prompt of about 60 characters (15 input tokens), different for every index. */
    static String prompt(int index) {
        return String.format("Bench prompt %05d: explain why batching raises GPU throughput", index);
    }
}
