package dev.stoa.test;

import static org.awaitility.Awaitility.await;

import dev.stoa.embedded.Reaper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real Keycloak for tests, once per test JVM: the {@code keycloak-quarkus-dist} zip from the local Maven
 * repository is unpacked once into {@code ~/.cache/stoa/keycloak-<version>} (outside target, so {@code mvn clean}
 * keeps it), then {@code kc.sh start-dev --import-realm} runs on a free port with an in-memory database and the
 * realm from {@code deploy/keycloak/stoa-realm.json}, on the JDK running the tests.
 */
public final class StoaKeycloak {
    public static final String VERSION = "26.7.3";
    public static final String ADMIN = "admin";
    public static final String ADMIN_PASSWORD = "admin-" + Long.toHexString(System.nanoTime());
    public static final String CLIENT_SECRET = "stoa-platform-test-secret";
    private static final Logger log = LoggerFactory.getLogger(StoaKeycloak.class);

    private static volatile @Nullable StoaKeycloak instance;

    private final String baseUrl;
    private final Duration startTime;

    private StoaKeycloak(String baseUrl, Duration startTime) {
        this.baseUrl = baseUrl;
        this.startTime = startTime;
    }

    public static synchronized StoaKeycloak instance() {
        if (instance == null) {
            instance = start();
        }
        return instance;
    }

    public String baseUrl() {
        return baseUrl;
    }

    public String realmUrl() {
        return baseUrl + "/realms/stoa";
    }

    public Duration startTime() {
        return startTime;
    }

    private static StoaKeycloak start() {
        try {
            Path home = unpacked();
            Path importDir = home.resolve("data/import");
            Files.createDirectories(importDir);
            Path realm = realmFile();
            Files.copy(realm, importDir.resolve("stoa-realm.json"), StandardCopyOption.REPLACE_EXISTING);
            int port = freePort();
            Path logFile = Files.createTempFile("keycloak-", ".log");
            ProcessBuilder builder = new ProcessBuilder(
                            home.resolve("bin/kc.sh").toString(),
                            "start-dev",
                            "--import-realm",
                            "--db=dev-mem",
                            "--http-port=" + port,
                            "--http-management-port=" + freePort())
                    .directory(home.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(logFile.toFile());
            Map<String, String> env = builder.environment();
            env.put("JAVA_HOME", System.getProperty("java.home"));
            env.put("KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN);
            env.put("KC_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
            env.put("STOA_KEYCLOAK_CLIENT_SECRET", CLIENT_SECRET);
            env.put("JAVA_OPTS_APPEND", "-Xms64m -Xmx512m");
            long started = System.nanoTime();
            Process process = builder.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(process)));
            Reaper.killOnExit(process.toHandle()); // also when this JVM is killed and the hook never runs
            String base = "http://127.0.0.1:" + port;
            HttpClient http = TestHttp.CLIENT;
            HttpRequest discovery = HttpRequest.newBuilder(
                            URI.create(base + "/realms/stoa/.well-known/openid-configuration"))
                    .timeout(Duration.ofSeconds(5))
                    .build();
            await("Keycloak on port " + port + " (log: " + logFile + ")")
                    .atMost(Duration.ofMinutes(4))
                    .pollInterval(Duration.ofMillis(500))
                    .failFast("Keycloak exited; see " + logFile, () -> !process.isAlive())
                    .ignoreExceptions()
                    .until(() -> http.send(discovery, HttpResponse.BodyHandlers.discarding())
                                    .statusCode()
                            == 200);
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            log.info("Keycloak {} ready at {} in {} s", VERSION, base, took.toMillis() / 1000.0);
            return new StoaKeycloak(base, took);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void stop(Process process) {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
    }

    /** deploy/keycloak/stoa-realm.json of this checkout (tests run in identity-service/). */
    public static Path realmFile() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("deploy/keycloak/stoa-realm.json");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(
                "deploy/keycloak/stoa-realm.json not found above " + Path.of("").toAbsolutePath());
    }

    /** The distribution, unpacked once per machine (into a temporary folder, then renamed, so a crash leaves none). */
    private static Path unpacked() throws IOException {
        Path cache = Path.of(System.getProperty("user.home"), ".cache", "stoa");
        Path home = cache.resolve("keycloak-" + VERSION);
        if (Files.isRegularFile(home.resolve("bin/kc.sh"))) {
            return home;
        }
        Path zip = Path.of(System.getProperty(
                "stoa.keycloak.dist",
                Path.of(
                                System.getProperty("user.home"),
                                ".m2",
                                "repository",
                                "org",
                                "keycloak",
                                "keycloak-quarkus-dist",
                                VERSION,
                                "keycloak-quarkus-dist-" + VERSION + ".zip")
                        .toString()));
        if (!Files.isRegularFile(zip)) {
            throw new IllegalStateException("Keycloak distribution missing: " + zip
                    + " (it is a test dependency of identity-service; run Maven online once)");
        }
        Files.createDirectories(cache);
        Path tmp = Files.createTempDirectory(cache, "keycloak-unpack-");
        log.info("unpacking {} into {}", zip, home);
        try (InputStream in = Files.newInputStream(zip);
                ZipInputStream entries = new ZipInputStream(in)) {
            for (ZipEntry entry; (entry = entries.getNextEntry()) != null; ) {
                // the zip holds one top folder keycloak-<version>/; strip it
                String name = entry.getName();
                int slash = name.indexOf('/');
                String relative = slash < 0 ? "" : name.substring(slash + 1);
                if (relative.isEmpty()) {
                    continue;
                }
                Path target = tmp.resolve(relative).normalize();
                if (!target.startsWith(tmp)) {
                    throw new IOException("zip entry outside the target: " + name);
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    Files.copy(entries, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        for (String script : List.of("bin/kc.sh", "bin/kcadm.sh", "bin/kcreg.sh")) {
            Path file = tmp.resolve(script);
            if (Files.exists(file)) {
                file.toFile().setExecutable(true);
            }
        }
        try {
            Files.move(tmp, home, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
            // another JVM won the race; use its copy
        } catch (IOException e) {
            if (!Files.isRegularFile(home.resolve("bin/kc.sh"))) {
                throw e;
            }
        }
        return home;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
