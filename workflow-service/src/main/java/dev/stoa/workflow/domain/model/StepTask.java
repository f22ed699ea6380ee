package dev.stoa.workflow.domain.model;

/**
 * What the engine's scheduler carries for one step: run the attempt ({@code RUN}) or end a wait that expired
 * ({@code EXPIRE}). Its text form is the scheduled task's data and id, so a re-delivered task names the same attempt.
 */
public record StepTask(String orgId, String runId, String stepId, int attempt, Kind kind) {

    /** Run an attempt, expire a human-input wait, or resume after a child run. */
    public enum Kind {
        RUN,
        EXPIRE,
        /** A sub_workflow step's child run ended: the step takes its outcome. */
        CHILD
    }

    /** The scheduled task's id: one per attempt and kind. */
    public String instanceId() {
        return runId + ":" + stepId + ":" + attempt + ":" + kind.name().toLowerCase(java.util.Locale.ROOT);
    }

    public String encode() {
        return String.join("|", orgId, runId, stepId, Integer.toString(attempt), kind.name());
    }

    public static StepTask decode(String data) {
        String[] p = data.split("\\|", -1);
        if (p.length != 5) {
            throw new IllegalArgumentException("not a step task: " + data.length() + " chars");
        }
        return new StepTask(p[0], p[1], p[2], Integer.parseInt(p[3]), Kind.valueOf(p[4]));
    }

    /** The key every peer call of this attempt carries: a redelivered attempt has one effect. */
    public String idempotencyKey() {
        return "wf:" + runId + ":" + stepId + ":" + attempt;
    }
}
