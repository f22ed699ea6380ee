package dev.stoa.memory.domain;

import dev.stoa.memory.domain.model.Fact;
import dev.stoa.memory.domain.model.FinishedTurn;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The extraction request: the instructions (system), and the turn and the existing similar facts as JSON (user), so
 * nothing the user wrote can pass for an instruction of ours.
 */
final class ExtractionPrompt {
    static final String SYSTEM = """
            You extract long-term memory facts about the user from one conversation turn.
            Input: a JSON object with "user_message", "assistant_message" and "existing_facts" (facts already \
            remembered, each with its "id").
            Answer with ONE JSON object and nothing else:
            {"facts":[{"subject":"…","predicate":"…","object":"…","text":"…","category":"…","confidence":0.0,\
            "action":"add|merge|supersede","existing_fact_id":"fct_…"|null}]}
            Rules:
            - Only durable facts the user states about themselves or their world (preferences, biography, plans, \
            relations). Nothing about the assistant. No facts: {"facts":[]}.
            - subject/predicate/object: a short triple, the user is "user". text: the fact as one sentence. \
            category: one lowercase word such as personal, preference, location, work, health, relation, plan. \
            confidence: 0..1.
            - action "merge" with existing_fact_id when the fact restates an existing fact; "supersede" with \
            existing_fact_id when it contradicts or updates an existing fact (the new one replaces it); otherwise \
            "add" with existing_fact_id null. Only use ids from existing_facts.
            """;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ExtractionPrompt() {}

    static String user(FinishedTurn turn, List<Fact> existing) {
        ObjectNode root = JSON.createObjectNode();
        root.put("user_message", turn.userMessage());
        root.put("assistant_message", turn.assistantMessage());
        ArrayNode facts = root.putArray("existing_facts");
        for (Fact fact : existing) {
            facts.addObject()
                    .put("id", fact.id())
                    .put("subject", fact.subject())
                    .put("predicate", fact.predicate())
                    .put("object", fact.object())
                    .put("text", fact.text())
                    .put("category", fact.category());
        }
        return JSON.writeValueAsString(root);
    }
}
