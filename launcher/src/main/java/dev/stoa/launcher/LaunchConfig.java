package dev.stoa.launcher;

import dev.stoa.embedded.ServiceProcess;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the embedded default keeps its state and which ports and jars it uses. Every value has an environment
 * override: {@code STOA_HOME}, {@code STOA_PORT} (gateway), {@code STOA_GATEWAY_MANAGEMENT_PORT}, {@code STOA_IDENTITY_PORT}, {@code STOA_IDENTITY_GRPC_PORT}, {@code STOA_AGENT_PORT}, {@code STOA_AGENT_GRPC_PORT},
 * {@code STOA_CHAT_PORT}, {@code STOA_CHAT_GRPC_PORT}, {@code STOA_TOOLS_PORT}, {@code STOA_TOOLS_GRPC_PORT},
 * {@code STOA_MONITORING_PORT}, {@code STOA_MONITORING_GRPC_PORT}, {@code STOA_MEMORY_PORT}, {@code STOA_MEMORY_GRPC_PORT},
 * {@code STOA_FAKE_PROVIDER_PORT} (the fake model provider of the
 * embedded default, 0 to leave it off),
 * {@code STOA_ROOT} (the source checkout whose built jars are launched); {@code STOA_AOT=off} starts without AOT caches.
 */
public record LaunchConfig(
        Path home,
        Path root,
        int gatewayPort,
        int gatewayManagementPort,
        int identityPort,
        int identityGrpcPort,
        int agentPort,
        int agentGrpcPort,
        int chatPort,
        int chatGrpcPort,
        int fakeProviderPort,
        int toolsPort,
        int toolsGrpcPort,
        int monitoringPort,
        int monitoringGrpcPort,
        int memoryPort,
        int memoryGrpcPort,
        boolean persistent,
        Map<String, Map<String, Object>> overrides) {

    /**
     * Whether services start from extracted jars with AOT caches kept in {@code STOA_HOME/aot} (the persistent embedded
     * default, unless {@code STOA_AOT=off}); test platforms start the executable jars as they are.
     */
    public boolean startupCache() {
        return persistent && !"off".equals(System.getenv("STOA_AOT"));
    }

    /** Extra properties of one service (by module name), applied after the launcher's own. */
    public Map<String, Object> overridesOf(String module) {
        return overrides.getOrDefault(module, Map.of());
    }

    /** Every port variable the launcher reads, with its default. */
    public static final Map<String, Integer> PORT_DEFAULTS = Map.ofEntries(
            Map.entry("STOA_PORT", 8080),
            Map.entry("STOA_GATEWAY_MANAGEMENT_PORT", 8090),
            Map.entry("STOA_IDENTITY_PORT", 8081),
            Map.entry("STOA_IDENTITY_GRPC_PORT", 9081),
            Map.entry("STOA_AGENT_PORT", 8082),
            Map.entry("STOA_AGENT_GRPC_PORT", 9082),
            Map.entry("STOA_CHAT_PORT", 8083),
            Map.entry("STOA_CHAT_GRPC_PORT", 9083),
            Map.entry("STOA_FAKE_PROVIDER_PORT", 8079),
            Map.entry("STOA_TOOLS_PORT", 8084),
            Map.entry("STOA_TOOLS_GRPC_PORT", 9084),
            Map.entry("STOA_MONITORING_PORT", 8088),
            Map.entry("STOA_MONITORING_GRPC_PORT", 9088),
            Map.entry("STOA_MEMORY_PORT", 8085),
            Map.entry("STOA_MEMORY_GRPC_PORT", 9085));

    public static LaunchConfig fromEnvironment(Map<String, String> env) {
        Path root = Path.of(env.getOrDefault("STOA_ROOT", ".")).toAbsolutePath().normalize();
        return new LaunchConfig(
                Path.of(env.getOrDefault("STOA_HOME", root.resolve(".stoa").toString())),
                root,
                port(env, "STOA_PORT"),
                port(env, "STOA_GATEWAY_MANAGEMENT_PORT"),
                port(env, "STOA_IDENTITY_PORT"),
                port(env, "STOA_IDENTITY_GRPC_PORT"),
                port(env, "STOA_AGENT_PORT"),
                port(env, "STOA_AGENT_GRPC_PORT"),
                port(env, "STOA_CHAT_PORT"),
                port(env, "STOA_CHAT_GRPC_PORT"),
                port(env, "STOA_FAKE_PROVIDER_PORT"),
                port(env, "STOA_TOOLS_PORT"),
                port(env, "STOA_TOOLS_GRPC_PORT"),
                port(env, "STOA_MONITORING_PORT"),
                port(env, "STOA_MONITORING_GRPC_PORT"),
                port(env, "STOA_MEMORY_PORT"),
                port(env, "STOA_MEMORY_GRPC_PORT"),
                true,
                Map.of());
    }

    private static int port(Map<String, String> env, String variable) {
        String value = env.get(variable);
        return value == null ? PORT_DEFAULTS.getOrDefault(variable, 0) : Integer.parseInt(value);
    }

    /** The executable jar of a service module, as {@code ./mvnw package} leaves it. */
    public Path serviceJar(String module) {
        return ServiceProcess.executableJar(root, module);
    }
}
