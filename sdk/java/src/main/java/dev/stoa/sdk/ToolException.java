package dev.stoa.sdk;

/** A tool's failure as the model should see it: a stable code, a message, and whether trying again may help. */
public class ToolException extends RuntimeException {
    private final String code;
    private final boolean retryable;

    public ToolException(String code, String message, boolean retryable) {
        super(message);
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
