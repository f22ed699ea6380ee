package dev.stoa.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Portkey's gateway from {@code bench/.portkey} when {@code bench/run-chat.sh} installed it. */
final class Portkey implements AutoCloseable {
    final Process process;
    final int port;

    private Portkey(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    static Optional<Portkey> start(Path root, Path work) throws Exception {
        Path server = root.resolve("bench/.portkey/node_modules/@portkey-ai/gateway/build/start-server.js");
        if (!Files.exists(server)) {
            ChatBench.log("Portkey not installed (" + server + "): skipped");
            return Optional.empty();
        }
        int port = GatewayBench.freePort();
        Process process = new ProcessBuilder("node", server.toString(), "--port=" + port, "--headless")
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("portkey.log").toFile())
                .start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try (var socket = new java.net.Socket("127.0.0.1", port)) {
                return Optional.of(new Portkey(process, port));
            } catch (IOException e) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    process.destroy();
                    throw new IllegalStateException("Portkey did not start: see " + work.resolve("portkey.log"));
                }
                Thread.sleep(200);
            }
        }
    }

    @Override
    public void close() {
        process.destroy();
    }
}
