package dev.stoa.web.error;

import dev.stoa.common.error.InvalidInputException;
import dev.stoa.common.error.StoaException;
import dev.stoa.common.error.StoaException.FieldError;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.InputCoercionException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.InvalidNullException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.exc.ValueInstantiationException;

/**
 * Turns a failure to bind a JSON body into field errors named by their JSON path (e.g. {@code members[2].role}),
 * or null when the body is not JSON at all. Never echoes the input: messages say what was expected.
 */
final class JsonErrors {
    private JsonErrors() {}

    /** The field errors of a bind failure somewhere in the cause chain, or null for malformed JSON. */
    static @Nullable List<FieldError> fieldErrors(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof UnrecognizedPropertyException e) {
                return List.of(new FieldError(path(e, e.getPropertyName()), "is not a known field"));
            }
            if (t instanceof InvalidNullException e) {
                return List.of(new FieldError(path(e, null), "must not be null"));
            }
            if (t instanceof InvalidFormatException e
                    && e.getTargetType() != null
                    && e.getTargetType().isEnum()) {
                return List.of(new FieldError(path(e, null), "is not one of the allowed values"));
            }
            if (t instanceof InputCoercionException e) {
                return List.of(new FieldError(path(e, null), "is out of range"));
            }
            if (t instanceof MismatchedInputException e) {
                // A missing (or null) primitive creator property fails here too, with the parser past the value.
                boolean absent =
                        e.getCurrentToken() == JsonToken.END_OBJECT || e.getCurrentToken() == JsonToken.VALUE_NULL;
                String message = absent ? "is required" : "must be " + jsonType(e.getTargetType());
                return List.of(new FieldError(path(e, null), message));
            }
            if (t instanceof ValueInstantiationException e) {
                // A record's compact constructor refused the value; its own InvalidInputException names the field.
                if (e.getCause() instanceof StoaException stoa
                        && !stoa.fieldErrors().isEmpty()) {
                    return stoa.fieldErrors();
                }
                return List.of(new FieldError(path(e, null), "is invalid"));
            }
            if (t instanceof InvalidInputException e) {
                return e.fieldErrors();
            }
        }
        return null;
    }

    private static String path(JacksonException e, @Nullable String leaf) {
        StringBuilder out = new StringBuilder();
        for (JacksonException.Reference ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!out.isEmpty()) {
                    out.append('.');
                }
                out.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        List<JacksonException.Reference> refs = e.getPath();
        boolean leafInPath =
                !refs.isEmpty() && leaf != null && leaf.equals(refs.getLast().getPropertyName());
        if (leaf != null && !leafInPath) {
            out.append(out.isEmpty() ? "" : ".").append(leaf);
        }
        return out.isEmpty() ? "body" : out.toString();
    }

    private static String jsonType(@Nullable Class<?> type) {
        if (type == null) {
            return "of another type";
        }
        if (type == String.class
                || type == Character.class
                || type == char.class
                || CharSequence.class.isAssignableFrom(type)) {
            return "a string";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "a boolean";
        }
        if (type == Integer.class
                || type == int.class
                || type == Long.class
                || type == long.class
                || type == Short.class
                || type == short.class
                || type == java.math.BigInteger.class) {
            return "an integer";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "a number";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "an array";
        }
        if (type.getName().startsWith("java.time.")) {
            return "an ISO-8601 string";
        }
        if (Map.class.isAssignableFrom(type) || !type.getName().startsWith("java.")) {
            return "an object";
        }
        return "of another type";
    }
}
