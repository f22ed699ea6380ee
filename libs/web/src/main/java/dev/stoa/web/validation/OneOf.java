package dev.stoa.web.validation;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.ElementType.TYPE_USE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * The value must be one of a closed set: the wire names of an enum's constants ({@link #of}), or listed strings or
 * integers. Validated like any constraint (null is valid: pair it with {@code @NotNull} when required) and shown as
 * the {@code enum} of the value's schema in the OpenAPI document. Works on container elements too:
 * {@code List<@OneOf(of = Scope.class) String>}.
 */
@Documented
@Retention(RUNTIME)
@Target({FIELD, METHOD, PARAMETER, RECORD_COMPONENT, TYPE_USE})
@Constraint(validatedBy = {OneOfValidator.ForString.class, OneOfValidator.ForInteger.class})
public @interface OneOf {
    /** An enum whose constants' wire names are the allowed values: its {@code wire()}, else its lower-case name. */
    Class<? extends Enum<?>> of() default None.class;

    /** Allowed strings, when there is no enum for them. */
    String[] value() default {};

    /** Allowed integers. */
    int[] ints() default {};

    String message() default "";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};

    /** The default of {@link #of}: no enum. */
    enum None {}
}
