package dev.llmpipeline.local.bench;

/**
 * What the bench measured of one design.
 *
 * @param endToEnd         per job at light load: for the pipeline its {@code total_ms} (created to completed); for the
 *                         article's synchronous design the request's round trip, which is what its client waits
 * @param model            per job at light load: the endpoint call that produced it
 * @param queue            per job at light load: the wait in the queue (the pipeline only)
 * @param overhead         end-to-end minus model time, per job at light load
 * @param client           per job at light load, as its client saw it: submit, then poll with {@code ?wait=} until
 *                         the job ended (the pipeline), or the synchronous round trip (the article's design)
 * @param jobsPerSecond    at saturation
 * @param capacity         the endpoint's physical limit at this design's prompts per call, in jobs per second
 * @param promptsPerCall   prompts per endpoint call at saturation
 * @param saturationJobs   jobs of the saturation run
 */
record DesignFigures(LatencySamples endToEnd, LatencySamples model, LatencySamples queue, LatencySamples overhead,
                     LatencySamples client, double jobsPerSecond, double capacity, int promptsPerCall,
                     int saturationJobs) {

    double efficiency() {
        return capacity == 0 ? 0 : jobsPerSecond / capacity;
    }
}
