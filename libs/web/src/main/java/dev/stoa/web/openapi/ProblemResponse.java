package dev.stoa.web.openapi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * An error an operation answers beyond those the conventions already document (validation, credentials, unknown
 * path resources, body limits, Idempotency-Key reuse, failures): e.g. {@code 409 version_conflict}. Documented as
 * {@code application/problem+json} with the shared problem schema.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Repeatable(ProblemResponse.List.class)
public @interface ProblemResponse {
    /** The HTTP status. */
    int status();

    /** The problem codes and when they happen, e.g. {@code "version_conflict: the agent changed meanwhile"}. */
    String description();

    /** The container of repeated {@link ProblemResponse}s. */
    @Documented
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.METHOD)
    @interface List {
        ProblemResponse[] value();
    }
}
