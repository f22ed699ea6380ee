package dev.stoa.gateway.docs;

import dev.stoa.gateway.config.GatewayProperties;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.util.HtmlUtils;

/**
 * {@code /openapi.json}, {@code /docs} (Swagger UI from its webjar, served under {@code /docs/assets/}) and
 * {@code /redoc} (ReDoc's standalone script from a configurable URL; it is not published as a webjar).
 */
public final class DocsRoutes {
    private static final String WEBJAR = "META-INF/resources/webjars/swagger-ui/";
    private static final String WEBJAR_POM = "META-INF/maven/org.webjars/swagger-ui/pom.properties";

    private DocsRoutes() {}

    public static RouterFunction<ServerResponse> routes(OpenApiAggregator openApi, GatewayProperties.Docs docs) {
        String swaggerUi = swaggerUiPage();
        String redoc = redocPage(docs.redocScriptUrl());
        return RouterFunctions.route()
                .GET("/openapi.json", request -> ServerResponse.ok()
                        .contentType(MediaType.APPLICATION_JSON)
                        .body(openApi.document(), byte[].class))
                .GET("/docs", request -> html(swaggerUi))
                .GET("/docs/", request -> html(swaggerUi))
                .GET("/redoc", request -> html(redoc))
                .add(RouterFunctions.resources(
                        "/docs/assets/**", new ClassPathResource(WEBJAR + swaggerUiVersion() + "/")))
                .build();
    }

    private static reactor.core.publisher.Mono<ServerResponse> html(String page) {
        return ServerResponse.ok().contentType(MediaType.TEXT_HTML).bodyValue(page);
    }

    private static String swaggerUiPage() {
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                  <meta charset="utf-8">
                  <title>Stoa API</title>
                  <link rel="stylesheet" href="/docs/assets/swagger-ui.css">
                </head>
                <body>
                  <div id="swagger-ui"></div>
                  <script src="/docs/assets/swagger-ui-bundle.js"></script>
                  <script>
                    window.ui = SwaggerUIBundle({ url: "/openapi.json", dom_id: "#swagger-ui" });
                  </script>
                </body>
                </html>
                """;
    }

    private static String redocPage(String scriptUrl) {
        return """
                <!DOCTYPE html>
                <html lang="en">
                <head>
                  <meta charset="utf-8">
                  <title>Stoa API</title>
                </head>
                <body>
                  <redoc spec-url="/openapi.json"></redoc>
                  <script src="%s"></script>
                </body>
                </html>
                """.formatted(HtmlUtils.htmlEscape(scriptUrl));
    }

    /** The bundled Swagger UI version, read from the webjar's own Maven metadata. */
    static String swaggerUiVersion() {
        try (InputStream in = new ClassPathResource(WEBJAR_POM).getInputStream()) {
            Properties pom = new Properties();
            pom.load(in);
            return pom.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException("the swagger-ui webjar is missing", e);
        }
    }
}
