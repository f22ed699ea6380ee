package dev.stoa.web.validation;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Checks {@link OneOf}; its message names the allowed values. */
public abstract sealed class OneOfValidator<T> implements ConstraintValidator<OneOf, T> {
    private List<String> allowed = List.of();
    private String message = "";

    @Override
    public void initialize(OneOf annotation) {
        allowed = values(annotation);
        message =
                annotation.message().isEmpty() ? "must be one of " + String.join(", ", allowed) : annotation.message();
    }

    @Override
    public boolean isValid(@Nullable T value, ConstraintValidatorContext context) {
        if (value == null || allowed.contains(value.toString())) {
            return true;
        }
        context.disableDefaultConstraintViolation();
        context.buildConstraintViolationWithTemplate(message.replace("{", "\\{"))
                .addConstraintViolation();
        return false;
    }

    /** The allowed values as the wire shows them (integers as their decimal text). */
    public static List<String> values(OneOf annotation) {
        List<String> out = new ArrayList<>(Arrays.asList(annotation.value()));
        Arrays.stream(annotation.ints()).forEach(i -> out.add(Integer.toString(i)));
        for (Enum<?> constant : annotation.of().getEnumConstants()) {
            out.add(wire(constant));
        }
        return List.copyOf(out);
    }

    /** An enum constant's wire name: its public {@code wire()} when it has one, else its name in lower case. */
    public static String wire(Enum<?> constant) {
        try {
            Method wire = constant.getDeclaringClass().getMethod("wire");
            if (wire.getReturnType() == String.class) {
                return (String) wire.invoke(constant);
            }
        } catch (NoSuchMethodException e) {
            // no wire name: the lower-case constant name is the convention
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read the wire name of " + constant, e);
        }
        return constant.name().toLowerCase(Locale.ROOT);
    }

    /** For strings. */
    public static final class ForString extends OneOfValidator<CharSequence> {}

    /** For integers. */
    public static final class ForInteger extends OneOfValidator<Integer> {}
}
