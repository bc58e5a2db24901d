package dev.llmpipeline.local.tune;

/** A sweep or a change of provisioned concurrency cannot go on: an update failed, or did not finish in time. */
public final class TuneException extends RuntimeException {

    TuneException(String message) {
        super(message);
    }
}
