package dev.stoa.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/openapi.json, the platform's live API document (kept equal to it by the launcher's ApiContractEndToEndIT),
 * passes Redocly's OpenAPI 3.1 lint with no error.
 */
class OpenApiLintTest {
    private static final Path REPO = Tools.repo();
    private static final Path LINTER = REPO.resolve("deploy/openapi-lint");
    private static final Path DOCUMENT = REPO.resolve("docs/openapi.json");
    /** No telemetry and no update check: the build reaches no other host than the package registries. */
    private static final Map<String, String> OFFLINE =
            Map.of("REDOCLY_TELEMETRY", "off", "REDOCLY_SUPPRESS_UPDATE_NOTICE", "true");

    @TempDir
    Path tmp;

    @Test
    void apiDocumentHasNoLintErrors() throws Exception {
        Tools.Result result = lint(DOCUMENT);

        assertThat(result.exit()).as(result.output()).isZero();
        assertThat(result.output()).contains("Your API description is valid");
    }

    @Test
    void lintFailsADocumentWithAnError() throws Exception {
        Path broken = tmp.resolve("openapi.json");
        Files.writeString(
                broken,
                Files.readString(DOCUMENT)
                        .replace("\"operationId\" : \"getAgent\"", "\"operationId\" : \"listAgents\""));

        Tools.Result result = lint(broken);

        assertThat(result.exit()).as(result.output()).isNotZero();
        assertThat(result.output()).contains("operation-operationId-unique");
    }

    private static Tools.Result lint(Path document) throws Exception {
        assumeTrue(Tools.find("node").isPresent(), Tools.NO_NODE);
        assertThat(LINTER.resolve("node_modules/@redocly/cli/bin/cli.js"))
                .as("installed by the build (NpmCi in process-test-classes); run ./mvnw -pl deploy verify")
                .exists();
        return Tools.run(
                LINTER,
                OFFLINE,
                Tools.find("node").orElseThrow().toString(),
                "node_modules/@redocly/cli/bin/cli.js",
                "lint",
                document.toString(),
                "--config",
                "redocly.yaml");
    }
}
