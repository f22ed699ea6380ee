package dev.stoa.tools.domain.model;

/** A tool's own error, as the caller (and the model) sees it: a stable code and a message safe to show. */
public final class ToolFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String code;
    private final boolean retryable;

    public ToolFailure(String code, String message, boolean retryable) {
        super(message, null, false, false);
        this.code = code;
        this.retryable = retryable;
    }

    public String code() {
        return code;
    }

    public boolean retryable() {
        return retryable;
    }
}
