package dev.stoa.sdk;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Makes a method a tool the platform's agents may call. Its arguments schema is generated from the parameters: a single
 * record (or bean) parameter is the arguments object itself; otherwise each parameter is a property of it, named as
 * compiled (compile with {@code -parameters}). The return value is sent back as JSON; an exception fails the call
 * ({@link ToolException} chooses its code).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface StoaTool {
    /** The name the model calls it by ({@code [a-zA-Z0-9_-]{1,64}}); the method's name when empty. */
    String name() default "";

    /** What the tool does, for the model and for smart selection. */
    String description();

    /** The call deadline in milliseconds; 0 leaves the platform's default (30 s). */
    int timeoutMs() default 0;

    /** Whether a call may run twice (the platform retries it on another connection when one drops mid-call). */
    boolean idempotent() default false;

    String[] tags() default {};
}
