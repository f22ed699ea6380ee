package dev.stoa.web.validation;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.ElementType.METHOD;
import static java.lang.annotation.ElementType.PARAMETER;
import static java.lang.annotation.ElementType.RECORD_COMPONENT;
import static java.lang.annotation.RetentionPolicy.RUNTIME;

import jakarta.validation.Constraint;
import jakarta.validation.Payload;
import java.lang.annotation.Documented;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/**
 * A free-form JSON value that must be an object ({@code {...}}), e.g. settings or metadata. On a request field (a
 * {@code JsonNode}) it is validated; on any field it is documented as {@code type: object, additionalProperties:
 * true}. Free-form JSON without it is documented as {@code {}} (any JSON value). Null is valid.
 */
@Documented
@Retention(RUNTIME)
@Target({FIELD, METHOD, PARAMETER, RECORD_COMPONENT})
@Constraint(validatedBy = JsonObjectValidator.class)
public @interface JsonObject {
    String message() default "must be a JSON object";

    Class<?>[] groups() default {};

    Class<? extends Payload>[] payload() default {};
}
