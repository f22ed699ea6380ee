package dev.stoa.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** The embedded default as {@code ./stoa up} runs it, on free ports with a fresh home. */
final class ChatBenchPlatform implements AutoCloseable {
    private static ChatBenchPlatform current;
    final Process launcher;
    final String gateway;
    final long readySeconds;
    /** The launcher's environment: its ports. */
    final Map<String, String> env;

    private ChatBenchPlatform(Process launcher, String gateway, long readySeconds, Map<String, String> env) {
        this.launcher = launcher;
        this.gateway = gateway;
        this.readySeconds = readySeconds;
        this.env = Map.copyOf(env);
    }

    static ChatBenchPlatform current() {
        return current;
    }

    static ChatBenchPlatform start(Path root, Path work) throws Exception {
        Path home = work.resolve("home");
        if (Files.exists(home)) {
            try (var files = Files.walk(home)) {
                files.sorted(java.util.Comparator.reverseOrder())
                        .forEach(p -> p.toFile().delete());
            }
        }
        Map<String, String> env = new HashMap<>();
        env.put("STOA_ROOT", root.toString());
        env.put("STOA_HOME", home.toString());
        int gatewayPort = GatewayBench.freePort();
        env.put("STOA_PORT", Integer.toString(gatewayPort));
        for (String name : List.of(
                "STOA_GATEWAY_MANAGEMENT_PORT",
                "STOA_IDENTITY_PORT",
                "STOA_IDENTITY_GRPC_PORT",
                "STOA_AGENT_PORT",
                "STOA_AGENT_GRPC_PORT",
                "STOA_CHAT_PORT",
                "STOA_CHAT_GRPC_PORT",
                "STOA_TOOLS_PORT",
                "STOA_TOOLS_GRPC_PORT",
                "STOA_MONITORING_PORT",
                "STOA_MONITORING_GRPC_PORT",
                "STOA_MEMORY_PORT",
                "STOA_MEMORY_GRPC_PORT")) {
            env.put(name, Integer.toString(GatewayBench.freePort()));
        }
        env.put("STOA_FAKE_PROVIDER_PORT", "0");
        env.put("STOA_AOT", "off");
        // The gateway's rate limits stay on (their cost is part of the path), with limits no run reaches.
        env.put("STOA_GATEWAY_RATELIMIT_USER_LIMIT", "1000000000");
        env.put("STOA_GATEWAY_RATELIMIT_APIKEY_LIMIT", "1000000000");
        env.put("STOA_GATEWAY_RATELIMIT_IP_LIMIT", "1000000000");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(
                        java.toString(),
                        "-XX:TieredStopAtLevel=1",
                        "-XX:+UseSerialGC",
                        "-Xms32m",
                        "-Xmx384m",
                        "-jar",
                        root.resolve("launcher/target/stoa.jar").toString())
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("launcher.log").toFile());
        builder.environment().putAll(env);
        long start = System.nanoTime();
        Process launcher = builder.start();
        ChatBenchPlatform platform = new ChatBenchPlatform(launcher, "http://127.0.0.1:" + gatewayPort, 0, env);
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(6);
        while (!Files.readString(work.resolve("launcher.log")).contains("is ready in")) {
            if (!launcher.isAlive() || System.nanoTime() > deadline) {
                platform.close();
                throw new IllegalStateException("the platform did not start: see " + work.resolve("launcher.log"));
            }
            Thread.sleep(500);
        }
        current = new ChatBenchPlatform(launcher, platform.gateway, (System.nanoTime() - start) / 1_000_000_000L, env);
        return current;
    }

    long pid(String service) {
        return launcher.toHandle()
                .descendants()
                .filter(p -> p.info().commandLine().orElse("").contains("/" + service + "-"))
                .findFirst()
                .orElseThrow(() -> new IllegalStateException(service + " is not running"))
                .pid();
    }

    Map<String, Long> cpuMillis() {
        Map<String, Long> cpu = new LinkedHashMap<>();
        for (String service : List.of("gateway", "chat-service", "agent-service")) {
            cpu.put(service, GatewayBench.cpuMillis(pid(service)));
        }
        // every PostgreSQL backend of the embedded server (one process per connection)
        cpu.put(
                "PostgreSQL",
                ProcessHandle.allProcesses()
                        .filter(p -> p.info().command().orElse("").endsWith("/bin/postgres"))
                        .mapToLong(p -> GatewayBench.cpuMillis(p.pid()))
                        .filter(ms -> ms > 0)
                        .sum());
        return cpu;
    }

    Map<String, Long> rssKb(boolean gcFirst) throws Exception {
        Map<String, Long> rss = new LinkedHashMap<>();
        for (String service : List.of("gateway", "chat-service")) {
            long pid = pid(service);
            if (gcFirst) {
                Jcmd.run(pid, "GC.run");
            }
            rss.put(service, Jcmd.rssKb(pid));
        }
        return rss;
    }

    @Override
    public void close() throws InterruptedException {
        launcher.destroy();
        if (!launcher.waitFor(60, TimeUnit.SECONDS)) {
            launcher.destroyForcibly();
        }
    }
}
