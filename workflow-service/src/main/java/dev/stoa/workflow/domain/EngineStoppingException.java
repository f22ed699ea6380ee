package dev.stoa.workflow.domain;

/** The replica is stopping: the step's outcome is not recorded and its task is left for a live replica to revive. */
public final class EngineStoppingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public EngineStoppingException() {
        super("the workflow engine is stopping", null, false, false);
    }
}
