package dev.stoa.web.input;

import static dev.stoa.common.input.InputRules.MAX_DEPTH;
import static dev.stoa.common.input.InputRules.MAX_ELEMENTS;
import static dev.stoa.common.input.InputRules.MAX_NAME_CHARS;
import static dev.stoa.common.input.InputRules.MAX_NUMBER_CHARS;
import static dev.stoa.common.input.InputRules.MAX_STRING_CHARS;

import dev.stoa.common.error.InvalidInputException;
import dev.stoa.common.input.InputRules;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.TokenStreamContext;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads a JSON request body token by token before anything binds it, and refuses it with the offending field's path
 * when a string or property name holds characters {@link InputRules} refuses, or when it passes a global ceiling:
 * nesting depth, string, name and number lengths (Jackson's own {@link StreamReadConstraints}, which the mapper
 * enforces too) and entries per array or object (which Jackson does not count). It walks every value, so free-form
 * JSON ({@code metadata}, {@code settings}, schemas) is held to the same rules before it reaches {@code jsonb}.
 * Malformed JSON is left to the binding, which reports it as such.
 */
public final class JsonBodyGuard {
    /** The constraints every Stoa mapper reads JSON under. */
    public static final StreamReadConstraints CONSTRAINTS = StreamReadConstraints.builder()
            .maxNestingDepth(MAX_DEPTH)
            .maxStringLength(MAX_STRING_CHARS)
            .maxNameLength(MAX_NAME_CHARS)
            .maxNumberLength(MAX_NUMBER_CHARS)
            .build();

    private JsonBodyGuard() {}

    /**
     * Checks a whole body read with {@code mapper} (whose factory carries {@link #CONSTRAINTS}).
     *
     * @throws InvalidInputException naming the first offending field
     */
    public static void check(JsonMapper mapper, byte[] body) {
        JsonParser parser = mapper.createParser(body);
        try (parser) {
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                check(parser, token);
            }
        } catch (StreamConstraintsException e) {
            String message = constraintMessage(e);
            // a too-long name is met before it becomes the object's current name: name the object
            boolean entry = !message.contains("property names");
            throw new InvalidInputException(BodyPaths.of(parser.streamReadContext(), entry), message);
        } catch (JacksonException e) {
            // malformed JSON: the binding reads it again and answers malformed_json
        }
    }

    private static void check(JsonParser parser, JsonToken token) {
        if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
            return;
        }
        TokenStreamContext context = parser.streamReadContext();
        // a container's start token already reports the new container's context; its entry is in the parent
        TokenStreamContext holder = token.isStructStart() ? context.getParent() : context;
        if (holder != null && !holder.inRoot() && holder.getEntryCount() > MAX_ELEMENTS) {
            throw new InvalidInputException(
                    BodyPaths.of(holder, false), "must have at most " + MAX_ELEMENTS + " entries");
        }
        if (token == JsonToken.PROPERTY_NAME) {
            String problem = InputRules.violation(parser.currentName(), false);
            if (problem != null) {
                throw new InvalidInputException(BodyPaths.of(context, false), "has a property name that " + problem);
            }
        } else if (token == JsonToken.VALUE_STRING) {
            String problem = InputRules.violation(parser.getString(), true);
            if (problem != null) {
                throw new InvalidInputException(BodyPaths.of(context, true), problem);
            }
        }
    }

    /** Jackson names the constraint only in its message (e.g. {@code StreamReadConstraints.getMaxStringLength()}). */
    static String constraintMessage(StreamConstraintsException e) {
        String message = String.valueOf(e.getOriginalMessage());
        if (message.contains("getMaxNestingDepth")) {
            return "must not nest objects and arrays deeper than " + MAX_DEPTH + " levels";
        }
        if (message.contains("getMaxStringLength")) {
            return "must be at most " + MAX_STRING_CHARS + " characters";
        }
        if (message.contains("getMaxNameLength")) {
            return "must not have property names longer than " + MAX_NAME_CHARS + " characters";
        }
        if (message.contains("getMaxNumberLength")) {
            return "must not have numbers longer than " + MAX_NUMBER_CHARS + " characters";
        }
        return "is too large";
    }
}
