package dev.stoa.workflow.domain;

import dev.stoa.common.error.ErrorKind;
import dev.stoa.common.error.StoaException;
import java.util.List;

/** A well-formed definition whose graph breaks a rule (cycle, dangling reference): 422 naming the step and rule. */
public final class DefinitionException extends StoaException {
    public DefinitionException(String field, String stepId, String rule, String detail) {
        super(
                ErrorKind.FAILED_PRECONDITION,
                "invalid_workflow_graph",
                "step '" + stepId + "' breaks rule " + rule + ": " + detail,
                false,
                List.of(new FieldError(field, "step '" + stepId + "' breaks rule " + rule + ": " + detail)),
                null);
    }
}
