package dev.stoa.memory.domain;

import dev.stoa.memory.domain.model.ExtractionModel;
import dev.stoa.memory.domain.model.MemoryConfig;
import dev.stoa.memory.domain.model.MemoryScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A JSON merge patch (RFC 7386) of a memory config, as plain values: a member present sets the field, present with
 * null clears it (back to its default), absent leaves it. Every field is checked; a violation names it (422).
 */
final class ConfigPatch {
    static final Pattern CATEGORY = Pattern.compile("[a-z][a-z0-9_]{0,39}");
    static final Pattern CLUSTER = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");
    private static final Pattern ID = Pattern.compile("[a-z]{2,8}_[0-9a-z]{26}");
    private static final Set<String> FIELDS = Set.of(
            "enabled",
            "scope",
            "cluster",
            "extraction_model",
            "retention_days",
            "max_facts_per_scope",
            "ignored_categories",
            "recall_top_k");

    private ConfigPatch() {}

    static MemoryConfig apply(MemoryConfig current, Map<String, @Nullable Object> patch) {
        for (String name : patch.keySet()) {
            if (!FIELDS.contains(name)) {
                throw new ConfigRejectedException(name, "is not a memory config field");
            }
        }
        boolean enabled = patch.containsKey("enabled") ? bool(patch.get("enabled"), "enabled") : current.enabled();
        MemoryScope scope = patch.containsKey("scope") ? scope(patch.get("scope")) : current.scope();
        String cluster = patch.containsKey("cluster") ? cluster(patch.get("cluster")) : current.cluster();
        ExtractionModel model = patch.containsKey("extraction_model")
                ? model(patch.get("extraction_model"))
                : current.extractionModel();
        Integer retention = patch.containsKey("retention_days")
                ? nullableInt(patch.get("retention_days"), "retention_days", 1, MemoryConfig.MAX_RETENTION_DAYS)
                : current.retentionDays();
        Integer maxFacts = patch.containsKey("max_facts_per_scope")
                ? nullableInt(patch.get("max_facts_per_scope"), "max_facts_per_scope", 1, MemoryConfig.MAX_FACTS_LIMIT)
                : Integer.valueOf(current.maxFactsPerScope());
        List<String> ignored = patch.containsKey("ignored_categories")
                ? categories(patch.get("ignored_categories"))
                : current.ignoredCategories();
        Integer topK = patch.containsKey("recall_top_k")
                ? nullableInt(patch.get("recall_top_k"), "recall_top_k", 1, MemoryConfig.MAX_TOP_K)
                : Integer.valueOf(current.recallTopK());
        if (scope == MemoryScope.CLUSTER && cluster == null) {
            throw new ConfigRejectedException("cluster", "is required when scope is cluster");
        }
        return new MemoryConfig(
                current.agentId(),
                enabled,
                scope,
                cluster,
                model,
                retention,
                maxFacts == null ? MemoryConfig.DEFAULT_MAX_FACTS : maxFacts,
                ignored,
                topK == null ? MemoryConfig.DEFAULT_TOP_K : topK,
                current.updatedAt(),
                current.version());
    }

    private static boolean bool(@Nullable Object value, String field) {
        if (value == null) {
            return true; // cleared: the default (memory on)
        }
        if (!(value instanceof Boolean b)) {
            throw new ConfigRejectedException(field, "must be true or false");
        }
        return b;
    }

    private static MemoryScope scope(@Nullable Object value) {
        if (value == null) {
            return MemoryScope.USER;
        }
        return value instanceof String s
                ? MemoryScope.of(s)
                        .orElseThrow(() -> new ConfigRejectedException("scope", "must be user, agent or cluster"))
                : rejectScope();
    }

    private static MemoryScope rejectScope() {
        throw new ConfigRejectedException("scope", "must be user, agent or cluster");
    }

    private static @Nullable String cluster(@Nullable Object value) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof String s) || !CLUSTER.matcher(s).matches()) {
            throw new ConfigRejectedException(
                    "cluster",
                    "must be 1 to 64 lowercase letters, digits, '-' or '_', starting with a letter or digit");
        }
        return s;
    }

    private static @Nullable ExtractionModel model(@Nullable Object value) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new ConfigRejectedException(
                    "extraction_model", "must be {\"tier_id\": …} or {\"provider_id\": …, \"model\": …}");
        }
        for (Object key : map.keySet()) {
            if (!Set.of("tier_id", "provider_id", "model").contains(key)) {
                throw new ConfigRejectedException("extraction_model." + key, "is not a field of extraction_model");
            }
        }
        Object tier = map.get("tier_id");
        Object provider = map.get("provider_id");
        Object model = map.get("model");
        if (tier != null) {
            if (provider != null || model != null) {
                throw new ConfigRejectedException(
                        "extraction_model", "names either a tier_id or a provider_id and model, not both");
            }
            return ExtractionModel.tier(id(tier, "extraction_model.tier_id"));
        }
        if (provider == null) {
            throw new ConfigRejectedException("extraction_model.provider_id", "is required without a tier_id");
        }
        if (!(model instanceof String m) || m.isBlank() || m.length() > 200) {
            throw new ConfigRejectedException("extraction_model.model", "must be a model name of 1 to 200 characters");
        }
        return ExtractionModel.provider(id(provider, "extraction_model.provider_id"), m);
    }

    private static String id(Object value, String field) {
        if (!(value instanceof String s) || !ID.matcher(s).matches()) {
            throw new ConfigRejectedException(field, "must be an id");
        }
        return s;
    }

    private static @Nullable Integer nullableInt(@Nullable Object value, String field, int min, int max) {
        if (value == null) {
            return null;
        }
        if (!(value instanceof Integer || value instanceof Long)
                || ((Number) value).longValue() < min
                || ((Number) value).longValue() > max) {
            throw new ConfigRejectedException(field, "must be an integer from " + min + " to " + max);
        }
        return ((Number) value).intValue();
    }

    private static List<String> categories(@Nullable Object value) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list) || list.size() > MemoryConfig.MAX_IGNORED_CATEGORIES) {
            throw new ConfigRejectedException(
                    "ignored_categories", "must be a list of at most " + MemoryConfig.MAX_IGNORED_CATEGORIES);
        }
        List<String> out = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof String s) || !CATEGORY.matcher(s).matches()) {
                throw new ConfigRejectedException(
                        "ignored_categories[" + i + "]", "must be a category: lowercase letters, digits and '_'");
            }
            if (!out.contains(s)) {
                out.add(s);
            }
        }
        return out;
    }
}
