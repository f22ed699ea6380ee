package dev.stoa.launcher;

import dev.stoa.sdk.StoaClient;
import dev.stoa.sdk.StoaTool;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A backend on the Java SDK in a JVM of its own, so a test can kill it as an outage would (SIGKILL, no goodbye). It
 * prints {@code REGISTERED} once its tools are registered and {@code CALLED <tool>} when a call reaches it.
 */
public final class SdkBackendProcess implements AutoCloseable {
    private final Process process;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

    /** The backend's tools. */
    public static final class Tools {
        @StoaTool(description = "Looks a word up in a large dictionary (slow).", timeoutMs = 60_000)
        public String slowLookup(String word) throws InterruptedException {
            System.out.println("CALLED slowLookup");
            Thread.sleep(60_000);
            return word;
        }

        @StoaTool(description = "Repeats the text it is given.")
        public String echo(String text) {
            System.out.println("CALLED echo");
            return text;
        }
    }

    /** The backend's entry point: the gateway URL as argument, the SDK secret in STOA_SDK_SECRET. */
    public static void main(String[] args) throws InterruptedException {
        StoaClient client = StoaClient.builder()
                .url(args[0])
                .secret(System.getenv("STOA_SDK_SECRET"))
                .tools(new Tools())
                .reconnect(Duration.ofMillis(200), Duration.ofSeconds(2))
                .start();
        if (client.awaitRegistered(Duration.ofSeconds(60))) {
            System.out.println("REGISTERED");
        }
        Thread.currentThread().join();
    }

    private SdkBackendProcess(Process process) {
        this.process = process;
        Thread.ofVirtual().start(() -> {
            try (BufferedReader reader =
                    new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                    lines.add(line);
                }
            } catch (IOException e) {
                // the process is gone
            }
        });
    }

    /** Starts a Java backend connecting to {@code gatewayUrl} with {@code secret} (in the environment, not argv). */
    static SdkBackendProcess start(String gatewayUrl, String secret) throws IOException {
        return start(
                secret,
                gatewayUrl,
                List.of(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx96m",
                        "-XX:TieredStopAtLevel=1",
                        "-cp",
                        System.getProperty("java.class.path"),
                        SdkBackendProcess.class.getName(),
                        gatewayUrl));
    }

    /**
     * Starts the TypeScript SDK's example backend (sdk/typescript/examples/backend.ts, built by the Maven build) with
     * {@code node}: tools {@code word_count} and {@code divide}.
     */
    static SdkBackendProcess startTypeScript(Path root, String gatewayUrl, String secret) throws IOException {
        Path script = root.resolve("sdk/typescript/dist/examples/backend.js");
        if (!Files.exists(script)) {
            throw new IllegalStateException(script + " is missing: build sdk/typescript first");
        }
        return start(secret, gatewayUrl, List.of("node", script.toString()));
    }

    private static SdkBackendProcess start(String secret, String gatewayUrl, List<String> command) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("STOA_SDK_SECRET", secret);
        builder.environment().put("STOA_URL", gatewayUrl);
        return new SdkBackendProcess(builder.start());
    }

    /** Waits for a line the backend prints; fails after {@code timeout}. */
    void await(String line, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            String next = lines.poll(200, TimeUnit.MILLISECONDS);
            if (line.equals(next)) {
                return;
            }
        }
        throw new AssertionError("the SDK backend did not print " + line + " within " + timeout);
    }

    /** SIGKILL: the socket drops without a close frame. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
