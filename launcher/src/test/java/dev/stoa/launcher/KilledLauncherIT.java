package dev.stoa.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stoa.embedded.Reaper;
import dev.stoa.test.TestHttp;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code ./stoa up} killed with SIGKILL leaves nothing behind (no service, no PostgreSQL holding ports or the data
 * directory), so the next {@code ./stoa up} on the same data starts; and a normal stop ends everything too. Across
 * those restarts nothing is lost (issue 18): events relayed to the embedded broker but not yet read reach their
 * consumer after the restart (the broker's log is in {@code STOA_HOME/kafka}), and a logged-out session stays refused
 * through the gateway and directly at a service, even when the broker's data is gone (the services rebuild their
 * revocation lists from identity).
 */
@Order(1) // a platform of its own: before the shared one starts (junit-platform.properties)
class KilledLauncherIT {
    private static final String AUDIT = "stoa.audit.v1";
    private static final String LATE_READER = "late-reader";

    // Three platform starts (each awaited up to 5 min on loaded cores) and three stops.
    @Timeout(value = 18, unit = TimeUnit.MINUTES)
    @Test
    void aKilledLauncherLeavesNoProcessAndStartsAgainOnItsData() throws Exception {
        Path root =
                Path.of(System.getProperty("stoa.root", "..")).toAbsolutePath().normalize();
        Path home = root.resolve("launcher/target/killed-home");
        deleteRecursively(home);
        Map<String, String> env = environment(root, home);
        TestHttp gateway = new TestHttp("http://localhost:" + env.get("STOA_PORT"));
        TestHttp agent = new TestHttp("http://127.0.0.1:" + env.get("STOA_AGENT_PORT"));

        Launched first = launchReady(env, home, "killed-first.log");
        assertThat(first.children()).hasSizeGreaterThanOrEqualTo(5).allMatch(Reaper::isRunning);
        // A consumer that has read everything so far; what happens next is relayed but not read before the kill.
        String brokers = brokers(home.getParent().resolve("killed-first.log"));
        commitEnd(brokers);
        String owner = SharedPlatform.registerOwner(gateway);
        String orgId = gateway.get("/api/v1/auth/me", owner)
                .json()
                .path("org")
                .path("id")
                .asString();
        String email = gateway.get("/api/v1/auth/me", owner)
                .json()
                .path("user")
                .path("email")
                .asString();
        String loggedOut = login(gateway, email);
        assertThat(gateway.post("/api/v1/auth/logout", loggedOut, Map.of()).status())
                .isEqualTo(204);
        awaitRefused(gateway, agent, loggedOut);
        await("the org's audit events relayed to Kafka")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> relayedMentioning(brokers, orgId));
        first.launcher().destroyForcibly(); // SIGKILL: no shutdown hook runs
        awaitGone(first, "services, PostgreSQL and the reaper gone after kill -9");

        Launched second = launchReady(env, home, "killed-second.log"); // ports and data directory are free again
        String brokersAgain = brokers(home.getParent().resolve("killed-second.log"));
        assertThat(readAsLateReader(brokersAgain))
                .as("events relayed before the kill reach the consumer that had not read them")
                .anyMatch(record -> mentions(record, orgId));
        assertRefusedAtOnce(gateway, agent, loggedOut, owner);
        second.launcher().destroy(); // SIGTERM: the shutdown hook stops everything in order
        awaitGone(second, "a normal stop leaves nothing either");

        // The broker loses everything (its data directory is deleted): the revocation is still known to identity.
        deleteRecursively(home.resolve("kafka"));
        Launched third = launchReady(env, home, "killed-third.log");
        assertRefusedAtOnce(gateway, agent, loggedOut, owner);
        third.launcher().destroy();
        awaitGone(third, "stopped again");
    }

    private static String login(TestHttp gateway, String email) {
        TestHttp.Response login =
                gateway.post("/api/v1/auth/login", null, Map.of("email", email, "password", SharedPlatform.PASSWORD));
        assertThat(login.status()).as(login.body()).isEqualTo(200);
        return login.json().path("access_token").asString();
    }

    /** Within five seconds of the logout, through the gateway and directly at agent-service. */
    private static void awaitRefused(TestHttp gateway, TestHttp agent, String token) {
        await("the logged-out token refused everywhere")
                .atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> {
                    assertThat(gateway.get("/api/v1/agents", token).status()).isEqualTo(401);
                    assertThat(agent.get("/api/v1/agents", token).status()).isEqualTo(401);
                });
    }

    /** Right after the platform is ready again: refused everywhere, while the owner's own session still works. */
    private static void assertRefusedAtOnce(TestHttp gateway, TestHttp agent, String loggedOut, String owner) {
        assertThat(gateway.get("/api/v1/agents", loggedOut).status())
                .as("through the gateway")
                .isEqualTo(401);
        TestHttp.Response direct = agent.get("/api/v1/agents", loggedOut);
        assertThat(direct.status()).as("directly at agent-service").isEqualTo(401);
        assertThat(direct.json().path("code").asString()).isEqualTo("token_revoked");
        assertThat(gateway.get("/api/v1/agents", owner).status()).isEqualTo(200);
        assertThat(agent.get("/api/v1/agents", owner).status()).isEqualTo(200);
    }

    /** The broker address the launcher logged ("Kafka ready after … at 127.0.0.1:port"). */
    private static String brokers(Path log) throws IOException {
        Matcher matcher = Pattern.compile("Kafka ready after .* at (\\S+)").matcher(Files.readString(log));
        assertThat(matcher.find()).as("the launcher logs its broker's address").isTrue();
        return matcher.group(1);
    }

    /** Creates the audit topic if need be and commits the late reader's position at its end. */
    private static void commitEnd(String brokers) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers))) {
            if (!admin.listTopics().names().get().contains(AUDIT)) {
                admin.createTopics(List.of(new NewTopic(AUDIT, 1, (short) 1)))
                        .all()
                        .get();
            }
        }
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(brokers, LATE_READER)) {
            TopicPartition partition = new TopicPartition(AUDIT, 0);
            consumer.assign(List.of(partition));
            consumer.seekToEnd(List.of(partition));
            long end = consumer.position(partition);
            consumer.commitSync(Map.of(partition, new OffsetAndMetadata(end)));
        }
    }

    /** Whether the audit topic holds an event of the org (read without a group: the late reader reads nothing). */
    private static boolean relayedMentioning(String brokers, String orgId) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(brokers, null)) {
            TopicPartition partition = new TopicPartition(AUDIT, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            while (consumer.position(partition) < end) {
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
            }
            return records.stream().anyMatch(record -> mentions(record, orgId));
        }
    }

    /** What the late reader receives from its committed position on. */
    private static List<ConsumerRecord<byte[], byte[]>> readAsLateReader(String brokers) {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(brokers, LATE_READER)) {
            consumer.subscribe(List.of(AUDIT));
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            long until = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.isEmpty() && System.nanoTime() < until) {
                consumer.poll(Duration.ofSeconds(1)).forEach(records::add);
            }
            return records;
        }
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String brokers, @Nullable String group) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers);
        if (group != null) {
            props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        }
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static boolean mentions(ConsumerRecord<byte[], byte[]> record, String orgId) {
        for (Header header : record.headers()) {
            if (new String(header.value(), StandardCharsets.UTF_8).contains(orgId)) {
                return true;
            }
        }
        return record.key() != null && new String(record.key(), StandardCharsets.UTF_8).contains(orgId)
                || new String(record.value(), StandardCharsets.ISO_8859_1).contains(orgId);
    }

    /** The launcher and everything it started: the services and the reaper (its children) and the postmaster. */
    private record Launched(Process launcher, List<Long> children) {}

    private static Launched launchReady(Map<String, String> env, Path home, String logName) throws IOException {
        Path log = home.getParent().resolve(logName);
        Process launcher = launch(env, log);
        try {
            awaitReady(launcher, log, home);
            return new Launched(launcher, childrenOf(launcher, home));
        } catch (RuntimeException | Error e) {
            launcher.destroyForcibly();
            throw e;
        }
    }

    private static void awaitGone(Launched launched, String what) throws InterruptedException {
        launched.launcher().waitFor(60, TimeUnit.SECONDS);
        await(what)
                .atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(200))
                .untilAsserted(() -> assertThat(launched.children()).noneMatch(Reaper::isRunning));
    }

    private static Map<String, String> environment(Path root, Path home) throws IOException {
        Map<String, String> env = new HashMap<>();
        env.put("STOA_ROOT", root.toString());
        env.put("STOA_HOME", home.toString());
        env.put("STOA_AOT", "off"); // StartupCacheIT covers the AOT path; training here would only cost CI time
        for (String port : LaunchConfig.PORT_DEFAULTS.keySet()) { // none on a default another platform holds
            env.put(port, Integer.toString(SharedPlatform.freePort()));
        }
        return env;
    }

    /** The launcher as {@code ./stoa up} runs it: its own JVM, configured by the environment. */
    private static Process launch(Map<String, String> env, Path log) throws IOException {
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp",
                        System.getProperty("java.class.path"),
                        StoaLauncher.class.getName())
                .redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        Thread.ofVirtual().start(() -> copy(process, log));
        return process;
    }

    private static void copy(Process process, Path log) {
        try {
            Files.copy(process.getInputStream(), log, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            // the process ended; its output so far is in the log
        }
    }

    private static void awaitReady(Process launcher, Path log, Path home) {
        try {
            await("Stoa is ready (" + log + ")")
                    .atMost(Duration.ofMinutes(5))
                    .pollInterval(Duration.ofMillis(500))
                    .failFast("the launcher exited", () -> !launcher.isAlive())
                    .until(() -> Files.exists(log) && Files.readString(log).contains("Stoa is ready"));
        } catch (RuntimeException | Error e) {
            throw new AssertionError(e.getMessage() + "\n" + tails(log, home.resolve("logs")), e);
        }
    }

    /** The end of the launcher's output and of each service's log, for a CI report that shows why. */
    private static String tails(Path log, Path serviceLogs) {
        StringBuilder tails = new StringBuilder();
        List<Path> logs = new ArrayList<>(List.of(log));
        try (Stream<Path> files = Files.list(serviceLogs)) {
            files.sorted().forEach(logs::add);
        } catch (IOException e) {
            tails.append("(no service logs: ").append(e).append(")\n");
        }
        for (Path file : logs) {
            try {
                List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
                tails.append("--- ")
                        .append(file.getFileName())
                        .append(" (last 15 of ")
                        .append(lines.size())
                        .append(" lines)\n");
                lines.subList(Math.max(0, lines.size() - 15), lines.size())
                        .forEach(line -> tails.append(line, 0, Math.min(line.length(), 300))
                                .append('\n'));
            } catch (IOException | RuntimeException e) {
                tails.append("--- ")
                        .append(file.getFileName())
                        .append(": ")
                        .append(e)
                        .append('\n');
            }
        }
        return tails.toString();
    }

    /** Every process the launcher started: the services and the reaper (its children) and the postmaster. */
    private static List<Long> childrenOf(Process launcher, Path home) throws IOException {
        List<Long> pids =
                new ArrayList<>(launcher.descendants().map(ProcessHandle::pid).toList());
        pids.add(Long.parseLong(Files.readAllLines(home.resolve("postgres/postmaster.pid"))
                .getFirst()
                .trim()));
        return pids;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
