package dev.stoa.embedded;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.json.JsonMapper;

/**
 * One service running as a child JVM of its executable jar, the way it runs in production. Its settings travel in
 * {@code SPRING_APPLICATION_JSON} (environment, so secrets do not show in the process list); its output goes to
 * {@code <logDir>/<name>.log}. The launcher and the benchmarks both start services through this class.
 */
public final class ServiceProcess implements AutoCloseable {
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    /**
     * What to run.
     *
     * @param jvmOptions flags before {@code -jar}
     * @param properties Spring properties, passed as {@code SPRING_APPLICATION_JSON}
     * @param environment further environment variables of the child
     */
    public record Spec(
            String name,
            Path jar,
            List<String> jvmOptions,
            Map<String, Object> properties,
            Map<String, String> environment,
            Path logDir) {
        public Spec {
            jvmOptions = List.copyOf(jvmOptions);
            properties = Map.copyOf(properties);
            environment = Map.copyOf(environment);
        }

        public Path log() {
            return logDir.resolve(name + ".log");
        }

        @Override
        public String toString() {
            // Properties hold secrets (database passwords, keys): never print them.
            return "Spec[name=" + name + ", jar=" + jar + ", jvmOptions=" + jvmOptions + "]";
        }
    }

    private final Spec spec;
    private final Process process;

    private ServiceProcess(Spec spec, Process process) {
        this.spec = spec;
        this.process = process;
    }

    /** Starts a service; its log starts empty. */
    public static ServiceProcess start(Spec spec) throws IOException {
        return launch(spec, false);
    }

    /** Starts the same service again (after it ended), appending to its log so the previous run's end stays. */
    public ServiceProcess restart() throws IOException {
        return launch(spec, true);
    }

    private static ServiceProcess launch(Spec spec, boolean appendLog) throws IOException {
        Files.createDirectories(spec.logDir());
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(spec.jvmOptions());
        command.add("-jar");
        command.add(spec.jar().toString());
        ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(
                        appendLog
                                ? ProcessBuilder.Redirect.appendTo(spec.log().toFile())
                                : ProcessBuilder.Redirect.to(spec.log().toFile()));
        builder.environment().putAll(spec.environment());
        builder.environment().put("SPRING_APPLICATION_JSON", JSON.writeValueAsString(spec.properties()));
        Process process = builder.start();
        Reaper.killOnExit(process.toHandle());
        return new ServiceProcess(spec, process);
    }

    /** The executable jar of a service module in a built checkout, as {@code ./mvnw package} leaves it. */
    public static Path executableJar(Path root, String module) {
        Path target = root.resolve(module).resolve("target");
        try (var files = Files.list(target)) {
            return files.filter(p -> p.getFileName().toString().endsWith("-exec.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException(
                            "no executable jar in " + target + "; build first: ./mvnw -DskipTests package"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + target + "; build first: ./mvnw -DskipTests package", e);
        }
    }

    /** Waits until {@code url} answers 200, failing fast if the process dies. */
    public void awaitReady(String url, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        spec.name() + " exited with " + process.exitValue() + "; see " + spec.log());
            }
            if (answers(url)) {
                return;
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException(spec.name() + " was not ready within " + timeout + "; see " + spec.log());
    }

    /** Whether {@code url} answers 200 now. */
    public static boolean answers(String url) throws InterruptedException {
        try {
            HttpResponse<Void> response = HTTP.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .timeout(Duration.ofSeconds(2))
                            .build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false; // not listening (yet)
        }
    }

    public String name() {
        return spec.name();
    }

    public Spec spec() {
        return spec;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Completes when the process has ended, whatever ended it. */
    public CompletableFuture<Process> onExit() {
        return process.onExit();
    }

    public Path log() {
        return spec.log();
    }

    /** Waits for the process to end: its exit code, or empty if it still runs after {@code timeout}. */
    public OptionalInt awaitExit(Duration timeout) throws InterruptedException {
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)
                ? OptionalInt.of(process.exitValue())
                : OptionalInt.empty();
    }

    /** Asks the service to shut down gracefully (SIGTERM), then kills it if it has not ended after 20 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "ServiceProcess[" + spec.name() + ", pid " + process.pid() + "]";
    }
}
