package dev.stoa.memory.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stoa.memory.domain.model.ExtractedFact;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExtractionParserTest {
    private static final String FACT = "{\"subject\":\"user\",\"predicate\":\"lives_in\",\"object\":\"Porto\","
            + "\"text\":\"The user lives in Porto.\",\"category\":\"location\",\"confidence\":0.8,"
            + "\"action\":\"supersede\",\"existing_fact_id\":\"fct_01jd0000000000000000000000\"}";

    @Test
    void readsTheFactsAnswer() throws Exception {
        List<ExtractedFact> facts = ExtractionParser.parse("{\"facts\":[" + FACT + "]}");

        assertThat(facts).singleElement().satisfies(f -> {
            assertThat(f.object()).isEqualTo("Porto");
            assertThat(f.action()).isEqualTo(ExtractedFact.Action.SUPERSEDE);
            assertThat(f.existingFactId()).isEqualTo("fct_01jd0000000000000000000000");
            assertThat(f.confidence()).isEqualTo(0.8);
        });
    }

    @Test
    void toleratesACodeFenceAndAnEmptyList() throws Exception {
        assertThat(ExtractionParser.parse("```json\n{\"facts\":[" + FACT + "]}\n```"))
                .hasSize(1);
        assertThat(ExtractionParser.parse(" {\"facts\": []} ")).isEmpty();
    }

    @Test
    void refusesAnythingElseWithAReasonThatQuotesNoContent() {
        List<String> malformed = List.of(
                "Sure! Here you go.",
                "{\"facts\":[]} trailing",
                "[]",
                "{\"facts\":[], \"extra\": 1}",
                "{\"facts\":[" + FACT.replace("\"confidence\":0.8", "\"confidence\":1.5") + "]}",
                "{\"facts\":[" + FACT.replace("\"supersede\"", "\"replace\"") + "]}",
                "{\"facts\":[" + FACT.replace("\"fct_01jd0000000000000000000000\"", "null") + "]}",
                "{\"facts\":[" + FACT.replace("\"location\"", "\"Lives Somewhere\"") + "]}",
                "{\"facts\":[" + FACT.replace(",\"existing_fact_id\":\"fct_01jd0000000000000000000000\"", "") + "]}",
                "{\"facts\":[" + FACT.replace("\"Porto\"", "\"\"") + "]}");
        for (String answer : malformed) {
            assertThatThrownBy(() -> ExtractionParser.parse(answer))
                    .as(answer)
                    .isInstanceOf(ExtractionParser.MalformedException.class)
                    .message()
                    .doesNotContain("Porto");
        }
    }
}
