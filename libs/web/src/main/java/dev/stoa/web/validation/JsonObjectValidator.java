package dev.stoa.web.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Checks {@link JsonObject} on a {@code JsonNode}: absent and JSON null are left to {@code @NotNull}. */
public final class JsonObjectValidator implements ConstraintValidator<JsonObject, JsonNode> {
    @Override
    public boolean isValid(@Nullable JsonNode value, ConstraintValidatorContext context) {
        return value == null || value.isNull() || value.isObject();
    }
}
