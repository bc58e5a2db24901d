package dev.llmpipeline.local.bench;

/**
 * How much the bench runs. Every measured job asks for {@link #maxNewTokens} with a prompt of about 60 characters, so
 * every phase and both designs decode the same work.
 *
 * @param timeScale             the emulator's (and stack's) time scale: 1 is real time, as the targets are stated
 * @param maxNewTokens          the bound of every measured job
 * @param microBatchSize        prompts per endpoint call on the throughput profile
 * @param warmupJobs            short jobs (one token) the pipeline runs before it is measured at light load: they
 *                              warm the JITs of this JVM and of the local servers, and the connection pools (the
 *                              article's design, with no queue or table on its path, gets a quarter as many)
 * @param latencyJobs           sequential jobs of the pipeline at light load
 * @param articleLatencyJobs    sequential requests of the article's design at light load
 * @param saturationJobs        jobs of the pipeline's saturation run (a multiple of the micro-batch size)
 * @param articleSaturationJobs requests of the article's design at saturation
 * @param articleClients        concurrent clients driving the article's design to saturation
 * @param coldStartRuns         fresh JVMs per function; the median is reported
 * @param workerLoadJobs        jobs of the chaos load the worker's memory is measured under
 * @param upload                the batch uploads
 */
public record BenchPlan(boolean quick, double timeScale, int maxNewTokens, int microBatchSize, int warmupJobs,
                        int latencyJobs, int articleLatencyJobs, int saturationJobs, int articleSaturationJobs,
                        int articleClients, int coldStartRuns, int workerLoadJobs, Upload upload) {

    /**
     * @param lines        lines of each timed upload
     * @param warmupLines  lines of each warm-up upload
     * @param warmups      warm-up uploads before the timed ones
     * @param timed        timed uploads; the median is reported
     */
    public record Upload(int lines, int warmupLines, int warmups, int timed) {
        /** Warm-ups of half the size, at most 5,000 lines. */
        static Upload of(int lines, int warmups, int timed) {
            return new Upload(lines, Math.max(1, Math.min(5_000, lines / 2)), warmups, timed);
        }
    }

    public static BenchPlan fullRun() {
        return new BenchPlan(false, 1.0, 32, 32, 300, 200, 60, 640, 40, 4, 3, 1_000, Upload.of(10_000, 2, 3));
    }

    /** Under two minutes: fewer jobs everywhere; the upload keeps its 10,000 lines, since that is the target. */
    public static BenchPlan quickRun() {
        return new BenchPlan(true, 1.0, 32, 32, 80, 30, 10, 192, 8, 4, 1, 200, Upload.of(10_000, 1, 1));
    }

    public BenchPlan withTimeScale(double scale) {
        return new BenchPlan(quick, scale, maxNewTokens, microBatchSize, warmupJobs, latencyJobs, articleLatencyJobs,
                saturationJobs, articleSaturationJobs, articleClients, coldStartRuns, workerLoadJobs, upload);
    }

    public BenchPlan withColdStartRuns(int runs) {
        return new BenchPlan(quick, timeScale, maxNewTokens, microBatchSize, warmupJobs, latencyJobs,
                articleLatencyJobs, saturationJobs, articleSaturationJobs, articleClients, runs, workerLoadJobs, upload);
    }

    public BenchPlan withUploadLines(int lines) {
        return new BenchPlan(quick, timeScale, maxNewTokens, microBatchSize, warmupJobs, latencyJobs,
                articleLatencyJobs, saturationJobs, articleSaturationJobs, articleClients, coldStartRuns, workerLoadJobs,
                Upload.of(lines, upload.warmups(), upload.timed()));
    }

    /** A prompt of about 60 characters (15 input tokens), different for every index. */
    static String prompt(int index) {
        return String.format("Bench prompt %05d: explain why batching raises GPU throughput", index);
    }
}
