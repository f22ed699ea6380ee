package dev.stoa.web.request;

import java.io.IOException;

/**
 * Thrown by the limited request stream once a body exceeds {@code stoa.web.max-body-bytes}. An IOException so
 * that body readers propagate it as a read failure; the error handlers recognise it (or the request attribute
 * {@link BodyLimitFilter#EXCEEDED_ATTRIBUTE}) and answer 413.
 */
public final class BodyTooLargeException extends IOException {
    public BodyTooLargeException(long limit) {
        super("request body exceeds " + limit + " bytes");
    }
}
