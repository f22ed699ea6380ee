package dev.stoa.memory.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stoa.memory.domain.model.MemoryConfig;
import dev.stoa.memory.domain.model.MemoryScope;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class ConfigPatchTest {
    private static final MemoryConfig DEFAULTS = MemoryConfig.defaults("agt_01jd0000000000000000000000");

    @Test
    void scopeKeysSeparateUsersAgentsAndClusters() {
        MemoryConfig cluster = ConfigPatch.apply(DEFAULTS, Map.of("scope", "cluster", "cluster", "bots"));

        assertThat(DEFAULTS.scopeKey("u1")).isEqualTo("a:agt_01jd0000000000000000000000:u:u1");
        assertThat(ConfigPatch.apply(DEFAULTS, Map.of("scope", "agent")).scopeKey("u1"))
                .isEqualTo("a:agt_01jd0000000000000000000000");
        assertThat(cluster.scope()).isEqualTo(MemoryScope.CLUSTER);
        assertThat(cluster.scopeKey("u1")).isEqualTo("c:bots:u:u1");
    }

    @Test
    void nullResetsAndAbsentKeeps() {
        MemoryConfig set = ConfigPatch.apply(
                DEFAULTS,
                Map.of(
                        "retention_days",
                        7,
                        "extraction_model",
                        Map.of("provider_id", "prv_01jd0000000000000000000000", "model", "gpt-x"),
                        "ignored_categories",
                        List.of("health", "health")));
        Map<String, @Nullable Object> reset = new HashMap<>();
        reset.put("retention_days", null);

        MemoryConfig after = ConfigPatch.apply(set, reset);

        assertThat(set.ignoredCategories()).containsExactly("health");
        assertThat(after.retentionDays()).isNull();
        assertThat(after.extractionModel()).isNotNull();
        assertThat(after.extractionModel().model()).isEqualTo("gpt-x");
    }

    @Test
    void rejectsWhatBreaksARuleNamingTheField() {
        assertThatThrownBy(() -> ConfigPatch.apply(DEFAULTS, Map.of("recall_top_k", 21L)))
                .isInstanceOf(ConfigRejectedException.class)
                .hasMessageStartingWith("recall_top_k");
        assertThatThrownBy(() -> ConfigPatch.apply(
                        DEFAULTS, Map.of("extraction_model", Map.of("provider_id", "prv_01jd0000000000000000000000"))))
                .hasMessageStartingWith("extraction_model.model");
        assertThatThrownBy(() -> ConfigPatch.apply(DEFAULTS, Map.of("recall_top_k", 2.5)))
                .hasMessageStartingWith("recall_top_k");
    }
}
