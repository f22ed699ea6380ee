package dev.stoa.workflow.domain;

import dev.stoa.common.error.InvalidInputException;
import dev.stoa.common.error.StoaException.FieldError;
import dev.stoa.workflow.domain.model.Definition;
import dev.stoa.workflow.domain.model.StepSpec;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads a definition: the published JSON Schema first (400 naming the field), then the graph rules (422 naming the
 * step and the rule): unique ids, no dangling references, no cycles, branches only on branching steps and only to
 * steps that need them, usable form schemas.
 */
public final class Definitions {
    static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

    private Definitions() {}

    /** Validates a definition sent by a client ({@code field} names it in errors). */
    public static Definition validate(JsonNode node, String field) {
        Schemas.checkDefinition(node, field);
        Definition definition = read(node);
        checkGraph(definition, field);
        return definition;
    }

    /** Reads a stored (validated) definition. */
    public static Definition parse(String json) {
        return read(JSON.readTree(json));
    }

    private static Definition read(JsonNode node) {
        List<StepSpec> steps = new ArrayList<>();
        for (JsonNode s : node.path("steps")) {
            List<String> needs = new ArrayList<>();
            s.path("needs").forEach(n -> needs.add(n.asString()));
            Map<String, String> branches = new LinkedHashMap<>();
            s.path("branches")
                    .properties()
                    .forEach(e -> branches.put(e.getKey(), e.getValue().asString()));
            JsonNode retry = s.path("retry");
            steps.add(new StepSpec(
                    s.path("id").asString(),
                    s.path("type").asString(),
                    List.copyOf(needs),
                    retry.path("max_attempts").asInt(1),
                    Duration.ofMillis(retry.path("backoff_ms").asLong(1000)),
                    retry.path("multiplier").asDouble(2.0),
                    s.has("timeout_ms") ? Duration.ofMillis(s.path("timeout_ms").asLong()) : DEFAULT_TIMEOUT,
                    Map.copyOf(branches),
                    s));
        }
        JsonNode output = node.get("output");
        return new Definition(List.copyOf(steps), output == null ? null : output.asString());
    }

    private static void checkGraph(Definition d, String field) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < d.steps().size(); i++) {
            StepSpec s = d.steps().get(i);
            if (index.putIfAbsent(s.id(), i) != null) {
                throw new DefinitionException(at(field, i, "id"), s.id(), "unique_ids", "another step has this id");
            }
        }
        for (int i = 0; i < d.steps().size(); i++) {
            StepSpec s = d.steps().get(i);
            for (String need : s.needs()) {
                if (!index.containsKey(need)) {
                    throw new DefinitionException(
                            at(field, i, "needs"), s.id(), "dangling_reference", "needs unknown step '" + need + "'");
                }
            }
            boolean branching = StepSpec.CONDITION.equals(s.type()) || StepSpec.HUMAN_INPUT.equals(s.type());
            if (!branching && !s.branches().isEmpty()) {
                throw new DefinitionException(
                        at(field, i, "branches"),
                        s.id(),
                        "branches_on_branching_steps",
                        "only condition and human_input steps take branches");
            }
            for (Map.Entry<String, String> b : s.branches().entrySet()) {
                Integer target = index.get(b.getValue());
                if (target == null) {
                    throw new DefinitionException(
                            at(field, i, "branches." + b.getKey()),
                            s.id(),
                            "dangling_reference",
                            "branch '" + b.getKey() + "' goes to unknown step '" + b.getValue() + "'");
                }
                if (!d.steps().get(target).needs().contains(s.id())) {
                    throw new DefinitionException(
                            at(field, i, "branches." + b.getKey()),
                            s.id(),
                            "branch_target_needs_step",
                            "step '" + b.getValue() + "' must list '" + s.id() + "' in its needs");
                }
            }
            if (StepSpec.MAP.equals(s.type())) {
                checkMapStep(s, field, i);
            }
            if (StepSpec.HUMAN_INPUT.equals(s.type())
                    && Schemas.compile(s.config().path("form").toString()).isEmpty()) {
                throw new DefinitionException(
                        at(field, i, "form"), s.id(), "form_is_schema", "form is not a usable JSON Schema");
            }
        }
        String cyclic = cycle(d);
        if (cyclic != null) {
            throw new DefinitionException(
                    at(field, index.getOrDefault(cyclic, 0), "needs"),
                    cyclic,
                    "acyclic",
                    "its needs lead back to itself");
        }
    }

    /** The inner step of a map is a step of its own (the schema's rules for its type), named under the map step. */
    private static void checkMapStep(StepSpec s, String field, int i) {
        ObjectNode inner = (ObjectNode) s.config().path("step").deepCopy();
        inner.put("id", s.id());
        ObjectNode wrapper = JSON.createObjectNode();
        wrapper.putArray("steps").add(inner);
        try {
            Schemas.checkDefinition(wrapper, "");
        } catch (InvalidInputException e) {
            throw new InvalidInputException(e.fieldErrors().stream()
                    .map(f -> new FieldError(
                            at(field, i, "step") + f.field().replaceFirst("^\\.steps\\[0\\]", ""), f.message()))
                    .toList());
        }
    }

    /** A step on a cycle (Kahn's algorithm: what cannot be ordered), or null. */
    private static @org.jspecify.annotations.Nullable String cycle(Definition d) {
        Map<String, Integer> missing = new HashMap<>();
        Map<String, List<String>> dependents = new HashMap<>();
        Deque<String> ready = new ArrayDeque<>();
        for (StepSpec s : d.steps()) {
            missing.put(s.id(), s.needs().size());
            s.needs().forEach(n -> dependents
                    .computeIfAbsent(n, k -> new ArrayList<>())
                    .add(s.id()));
            if (s.needs().isEmpty()) {
                ready.add(s.id());
            }
        }
        while (!ready.isEmpty()) {
            String id = ready.poll();
            missing.remove(id);
            for (String dep : dependents.getOrDefault(id, List.of())) {
                if (missing.merge(dep, -1, Integer::sum) == 0) {
                    ready.add(dep);
                }
            }
        }
        return d.steps().stream()
                .map(StepSpec::id)
                .filter(missing::containsKey)
                .findFirst()
                .orElse(null);
    }

    private static String at(String field, int i, String name) {
        return field + ".steps[" + i + "]." + name;
    }
}
