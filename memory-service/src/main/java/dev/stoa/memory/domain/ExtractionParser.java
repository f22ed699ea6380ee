package dev.stoa.memory.domain;

import dev.stoa.common.id.Ids;
import dev.stoa.memory.domain.model.ExtractedFact;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the extraction model's answer strictly: one JSON object {@code {"facts": [...]}} (a Markdown code fence around
 * it is tolerated), every fact with every field, nothing else. Anything else is malformed, with a reason that names
 * what was wrong but quotes none of the content.
 */
final class ExtractionParser {
    /** Most facts one turn may yield; a longer list is malformed (a runaway answer). */
    static final int MAX_FACTS = 20;

    private static final Set<String> FIELDS =
            Set.of("subject", "predicate", "object", "text", "category", "confidence", "action", "existing_fact_id");
    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private ExtractionParser() {}

    /** The answer could not be used; {@code getMessage()} is the reason recorded with the dead letter. */
    static final class MalformedException extends Exception {
        MalformedException(String reason) {
            super(reason);
        }
    }

    static List<ExtractedFact> parse(String answer) throws MalformedException {
        JsonNode root;
        try {
            root = JSON.readTree(unfenced(answer.strip()));
        } catch (JacksonException e) {
            throw new MalformedException("the answer is not one JSON object");
        }
        if (root == null
                || !root.isObject()
                || root.size() != 1
                || !root.path("facts").isArray()) {
            throw new MalformedException("the answer is not an object with a facts array only");
        }
        JsonNode facts = root.get("facts");
        if (facts.size() > MAX_FACTS) {
            throw new MalformedException("more than " + MAX_FACTS + " facts");
        }
        List<ExtractedFact> out = new ArrayList<>();
        for (int i = 0; i < facts.size(); i++) {
            out.add(fact(facts.get(i), "facts[" + i + "]"));
        }
        return out;
    }

    private static ExtractedFact fact(JsonNode node, String at) throws MalformedException {
        if (!node.isObject()) {
            throw new MalformedException(at + " is not an object");
        }
        for (String name : node.propertyNames()) {
            if (!FIELDS.contains(name)) {
                throw new MalformedException(
                        at + " has an unknown field " + name.substring(0, Math.min(40, name.length())));
            }
        }
        String subject = text(node, at, "subject", 200);
        String predicate = text(node, at, "predicate", 200);
        String object = text(node, at, "object", 500);
        String text = text(node, at, "text", 1000);
        String category = text(node, at, "category", 40).toLowerCase(Locale.ROOT);
        if (!ConfigPatch.CATEGORY.matcher(category).matches()) {
            throw new MalformedException(at + ".category is not a category");
        }
        JsonNode confidence = node.get("confidence");
        if (confidence == null || !confidence.isNumber() || confidence.asDouble() < 0 || confidence.asDouble() > 1) {
            throw new MalformedException(at + ".confidence is not a number from 0 to 1");
        }
        ExtractedFact.Action action =
                switch (text(node, at, "action", 16)) {
                    case "add" -> ExtractedFact.Action.ADD;
                    case "merge" -> ExtractedFact.Action.MERGE;
                    case "supersede" -> ExtractedFact.Action.SUPERSEDE;
                    default -> throw new MalformedException(at + ".action is not add, merge or supersede");
                };
        JsonNode existing = node.get("existing_fact_id");
        if (existing == null) {
            throw new MalformedException(at + ".existing_fact_id is missing");
        }
        String existingId = null;
        if (!existing.isNull()) {
            if (!existing.isString() || !Ids.isValid("fct", existing.asString())) {
                throw new MalformedException(at + ".existing_fact_id is not a fact id");
            }
            existingId = existing.asString();
        }
        if (action != ExtractedFact.Action.ADD && existingId == null) {
            throw new MalformedException(at + " merges or supersedes without existing_fact_id");
        }
        return new ExtractedFact(subject, predicate, object, text, category, confidence.asDouble(), action, existingId);
    }

    private static String text(JsonNode node, String at, String field, int max) throws MalformedException {
        JsonNode value = node.get(field);
        if (value == null
                || !value.isString()
                || value.asString().isBlank()
                || value.asString().length() > max) {
            throw new MalformedException(at + "." + field + " is not a text of 1 to " + max + " characters");
        }
        return value.asString().strip();
    }

    private static String unfenced(String answer) {
        if (answer.startsWith("```") && answer.endsWith("```") && answer.length() > 6) {
            String inner = answer.substring(3, answer.length() - 3);
            return inner.startsWith("json") ? inner.substring(4) : inner;
        }
        return answer;
    }
}
