package dev.stoa.gateway.docs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stoa.gateway.GatewayITSupport;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;

/** The aggregated OpenAPI document and the pages rendering it. */
class DocsIT extends GatewayITSupport {

    @Test
    void mergesTheUpstreamDocumentsAndListsTheUnreachableOnes() {
        client.get()
                .uri("/openapi.json")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.APPLICATION_JSON)
                .expectBody()
                .jsonPath("$.openapi")
                .isEqualTo("3.1.0")
                .jsonPath("$.info.title")
                .isEqualTo("Stoa API")
                .jsonPath("$.paths['/api/v1/org'].get.summary")
                .isEqualTo("the caller's org")
                .jsonPath("$.paths['/api/v1/agents/{agent_id}/chat'].post")
                .exists()
                .jsonPath("$.paths['/api/v1/agents/{agent_id}'].get")
                .exists()
                .jsonPath("$.paths['/internal/debug']")
                .doesNotExist()
                .jsonPath("$.components.schemas.Org")
                .exists()
                .jsonPath("$.components.schemas.ChatRequest")
                .exists()
                .jsonPath("$.components.schemas.Agent")
                .exists()
                .jsonPath("$.components.securitySchemes.bearer.scheme")
                .isEqualTo("bearer")
                .jsonPath("$['x-stoa-unavailable']")
                .isEqualTo(java.util.List.of("memory"));
    }

    @Test
    void servesSwaggerUiFromItsWebjar() {
        String page = client.get()
                .uri("/docs")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();

        assertThat(page).contains("/docs/assets/swagger-ui-bundle.js").contains("/openapi.json");
        client.get()
                .uri("/docs/assets/swagger-ui.css")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith("text/css")
                .expectBody(String.class)
                .value(css -> assertThat(css).contains(".swagger-ui"));
    }

    @Test
    void servesRedocPointedAtTheDocument() {
        String page = client.get()
                .uri("/redoc")
                .exchange()
                .expectStatus()
                .isOk()
                .expectHeader()
                .contentTypeCompatibleWith(MediaType.TEXT_HTML)
                .expectBody(String.class)
                .returnResult()
                .getResponseBody();

        assertThat(page)
                .contains("<redoc spec-url=\"/openapi.json\">")
                .contains("https://cdn.jsdelivr.net/npm/redoc@2/bundles/redoc.standalone.js");
    }
}
