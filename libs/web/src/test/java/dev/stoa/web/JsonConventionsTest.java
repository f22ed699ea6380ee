package dev.stoa.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class JsonConventionsTest extends WebTestSupport {

    @Test
    void writesSnakeCaseIsoTimestampsAndOmitsNulls() {
        JsonNode first = json(get("/things", USER_TOKEN)).get("data").get(0);

        assertThat(first.get("display_name").asString()).isEqualTo("one");
        assertThat(first.get("created_at").asString()).isEqualTo("2026-01-02T03:04:05Z");
        assertThat(first.has("note")).isFalse();
        assertThat(first.has("displayName")).isFalse();
    }

    @Test
    void pagesWithNextCursorUntilTheLastPage() {
        JsonNode firstPage = json(get("/things?limit=1", USER_TOKEN));
        JsonNode lastPage = json(get("/things?limit=5", USER_TOKEN));

        assertThat(firstPage.get("data")).hasSize(1);
        assertThat(firstPage.get("next_cursor").isString()).isTrue();
        assertThat(lastPage.get("data")).hasSize(2);
        assertThat(lastPage.has("next_cursor")).isTrue();
        assertThat(lastPage.get("next_cursor").isNull()).isTrue();
    }

    @Test
    void readsSnakeCaseRequestBodies() {
        HttpResponse<String> response =
                postJson("/things", "{\"display_name\":\"ok\",\"count\":1,\"items\":[{\"label\":\"a\"}]}", USER_TOKEN);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        assertThat(json(response).get("display_name").asString()).isEqualTo("ok");
    }
}
