package dev.llmpipeline.core.port;

/** A job id is taken. With 122 random bits this means a retried write whose first attempt succeeded. */
public final class JobAlreadyExistsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public JobAlreadyExistsException(String jobId) {
        super("job " + jobId + " exists already");
    }
}
