package dk.consenthub.erasure;

/** Where one target's part of an erasure stands. */
public enum TaskStatus {
    PENDING, DEFERRED, IN_PROGRESS, DONE, NOT_APPLICABLE, MANUAL, FAILED;

    boolean finished() {
        return this == DONE || this == NOT_APPLICABLE;
    }
}
