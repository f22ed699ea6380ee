package dev.stoa.agent.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stoa.agent.domain.model.PromptBlock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PromptTemplatesTest {

    @Test
    void assemblesEnabledBlocksInOrder() {
        List<PromptBlock> blocks = List.of(
                new PromptBlock("blk_1", "a", "First.", true),
                new PromptBlock("blk_2", "b", "Skipped.", false),
                new PromptBlock("blk_3", "c", "Last.", true));

        assertThat(PromptTemplates.assemble(blocks)).isEqualTo("First.\n\nLast.");
        assertThat(PromptTemplates.assemble(List.of())).isEmpty();
    }

    @Test
    void findsEachVariableOnceInOrder() {
        assertThat(PromptTemplates.variables("{{ a }} {{b.c}} {{a}} {{ not valid }} {{1x}}"))
                .containsExactly("a", "b.c");
    }

    @Test
    void reportsMissingVariablesAndLeavesThemInPlace() {
        PromptTemplates.Rendered rendered = PromptTemplates.render(
                "Hi {{ user.name }}, from {{company}} ({{company}}).", Map.of("company", "$1 \\ co"));

        assertThat(rendered.text()).isEqualTo("Hi {{ user.name }}, from $1 \\ co ($1 \\ co).");
        assertThat(rendered.missingVariables()).containsExactly("user.name");
    }
}
