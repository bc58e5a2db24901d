package dev.llmpipeline.core.port;

/** Jobs could not be enqueued. */
public final class QueueException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public QueueException(String message, Throwable cause) {
        super(message, cause);
    }
}
