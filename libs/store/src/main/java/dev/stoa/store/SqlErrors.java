package dev.stoa.store;

import java.sql.SQLException;

/** Recognises PostgreSQL errors that a repository turns into a domain answer instead of a 500. */
public final class SqlErrors {
    private static final String UNIQUE_VIOLATION = "23505";

    private SqlErrors() {}

    /** Whether {@code error} (or a cause) is a unique-constraint violation. */
    public static boolean isUniqueViolation(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * Runs a write that may collide with an existing row: true when it went through, false when it violated a unique
     * constraint (the name or key is taken). Any other failure propagates.
     */
    public static boolean unlessDuplicate(Runnable write) {
        try {
            write.run();
            return true;
        } catch (RuntimeException e) {
            if (isUniqueViolation(e)) {
                return false;
            }
            throw e;
        }
    }
}
