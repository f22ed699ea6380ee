package dev.stoa.eval.domain;

import dev.stoa.common.error.InvalidInputException;
import dev.stoa.eval.domain.model.CaseContent;
import dev.stoa.eval.domain.model.CaseDraft;
import dev.stoa.eval.domain.scoring.ScorerSpecs;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The limits of a case: exactly one of {@code input} (a message) or {@code input_json} (an object), each at most 32 KB
 * (UTF-8); {@code context} an object of at most 32 KB; {@code expected} at most 32 KB; at most 10 valid scorer specs.
 */
public final class CaseRules {
    /** Largest input (message or JSON text), context and expected value, in UTF-8 bytes. */
    public static final int MAX_BYTES = 32 * 1024;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> FIELDS = Set.of("input", "input_json", "context", "expected", "scorers");

    private CaseRules() {}

    /** The checked content of a draft; errors name {@code prefix + field}. */
    public static CaseContent check(CaseDraft draft, String prefix) {
        String input = draft.input();
        JsonNode inputJson = nullIfJsonNull(draft.inputJson());
        if ((input == null) == (inputJson == null)) {
            throw new InvalidInputException(prefix + "input", "give exactly one of input and input_json");
        }
        if (input != null && (input.isBlank() || bytes(input) > MAX_BYTES)) {
            throw new InvalidInputException(prefix + "input", "must be 1 to " + MAX_BYTES + " bytes");
        }
        String inputText = inputJson == null ? null : object(inputJson, prefix + "input_json");
        JsonNode context = nullIfJsonNull(draft.context());
        String contextText = context == null ? null : object(context, prefix + "context");
        String expected = draft.expected();
        if (expected != null && bytes(expected) > MAX_BYTES) {
            throw new InvalidInputException(prefix + "expected", "must be at most " + MAX_BYTES + " bytes");
        }
        JsonNode scorers = nullIfJsonNull(draft.scorers());
        String scorersText = "[]";
        if (scorers != null) {
            ScorerSpecs.parse(scorers, prefix + "scorers");
            scorersText = JSON.writeValueAsString(scorers);
        }
        return new CaseContent(input, inputText, contextText, expected, scorersText);
    }

    /** One JSONL line as a draft; unknown members are refused like unknown fields of a request body. */
    public static CaseDraft parseLine(String line, String prefix) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JacksonException e) {
            throw new InvalidInputException(
                    prefix.isEmpty() ? "body" : prefix.substring(0, prefix.length() - 1), "is not a JSON object");
        }
        if (node == null || !node.isObject()) {
            throw new InvalidInputException(
                    prefix.isEmpty() ? "body" : prefix.substring(0, prefix.length() - 1), "is not a JSON object");
        }
        for (String name : node.propertyNames()) {
            if (!FIELDS.contains(name)) {
                throw new InvalidInputException(prefix + name, "is not a field of a case");
            }
        }
        return new CaseDraft(
                string(node.get("input"), prefix + "input"),
                node.get("input_json"),
                node.get("context"),
                string(node.get("expected"), prefix + "expected"),
                node.get("scorers"));
    }

    private static @Nullable String string(@Nullable JsonNode node, String field) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString()) {
            throw new InvalidInputException(field, "must be a string");
        }
        return node.asString();
    }

    private static @Nullable JsonNode nullIfJsonNull(@Nullable JsonNode node) {
        return node == null || node.isNull() || node.isMissingNode() ? null : node;
    }

    private static String object(JsonNode node, String field) {
        if (!node.isObject()) {
            throw new InvalidInputException(field, "must be an object");
        }
        String text = JSON.writeValueAsString(node);
        if (bytes(text) > MAX_BYTES) {
            throw new InvalidInputException(field, "must be at most " + MAX_BYTES + " bytes as JSON");
        }
        return text;
    }

    private static int bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
