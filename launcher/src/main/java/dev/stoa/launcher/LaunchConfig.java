package dev.stoa.launcher;

import dev.stoa.embedded.ServiceProcess;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where the embedded default keeps its state and which ports and jars it uses. Every value has an environment
 * override: {@code STOA_HOME}, a port variable per listener ({@link #PORT_DEFAULTS}: {@code STOA_PORT} for the gateway,
 * {@code STOA_<SERVICE>_PORT} and {@code STOA_<SERVICE>_GRPC_PORT} for each service, {@code STOA_FAKE_PROVIDER_PORT} for the
 * fake model provider of the embedded default, 0 to leave it off), {@code STOA_ROOT} (the source checkout whose built
 * jars are launched); {@code STOA_AOT=off} starts without AOT caches.
 *
 * @param ports every variable of {@link #PORT_DEFAULTS} with the port it names
 */
public record LaunchConfig(
        Path home,
        Path root,
        Map<String, Integer> ports,
        boolean persistent,
        Map<String, Map<String, Object>> overrides) {

    public LaunchConfig {
        ports = Map.copyOf(ports);
        if (!ports.keySet().equals(PORT_DEFAULTS.keySet())) {
            throw new IllegalArgumentException("ports must name exactly " + PORT_DEFAULTS.keySet());
        }
    }

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
            Map.entry("STOA_MEMORY_GRPC_PORT", 9085),
            Map.entry("STOA_EVAL_PORT", 8087),
            Map.entry("STOA_EVAL_GRPC_PORT", 9087));

    public static LaunchConfig fromEnvironment(Map<String, String> env) {
        Path root = Path.of(env.getOrDefault("STOA_ROOT", ".")).toAbsolutePath().normalize();
        Map<String, Integer> ports = new HashMap<>();
        PORT_DEFAULTS.keySet().forEach(variable -> ports.put(variable, port(env, variable)));
        return new LaunchConfig(
                Path.of(env.getOrDefault("STOA_HOME", root.resolve(".stoa").toString())), root, ports, true, Map.of());
    }

    private static int port(Map<String, String> env, String variable) {
        String value = env.get(variable);
        return value == null ? PORT_DEFAULTS.getOrDefault(variable, 0) : Integer.parseInt(value);
    }

    /** The port a variable of {@link #PORT_DEFAULTS} names. */
    public int port(String variable) {
        return Objects.requireNonNull(ports.get(variable), variable);
    }

    public int gatewayPort() {
        return port("STOA_PORT");
    }

    public int gatewayManagementPort() {
        return port("STOA_GATEWAY_MANAGEMENT_PORT");
    }

    public int identityPort() {
        return port("STOA_IDENTITY_PORT");
    }

    public int identityGrpcPort() {
        return port("STOA_IDENTITY_GRPC_PORT");
    }

    public int agentPort() {
        return port("STOA_AGENT_PORT");
    }

    public int agentGrpcPort() {
        return port("STOA_AGENT_GRPC_PORT");
    }

    public int chatPort() {
        return port("STOA_CHAT_PORT");
    }

    public int chatGrpcPort() {
        return port("STOA_CHAT_GRPC_PORT");
    }

    public int fakeProviderPort() {
        return port("STOA_FAKE_PROVIDER_PORT");
    }

    public int toolsPort() {
        return port("STOA_TOOLS_PORT");
    }

    public int toolsGrpcPort() {
        return port("STOA_TOOLS_GRPC_PORT");
    }

    public int monitoringPort() {
        return port("STOA_MONITORING_PORT");
    }

    public int monitoringGrpcPort() {
        return port("STOA_MONITORING_GRPC_PORT");
    }

    public int memoryPort() {
        return port("STOA_MEMORY_PORT");
    }

    public int memoryGrpcPort() {
        return port("STOA_MEMORY_GRPC_PORT");
    }

    public int evalPort() {
        return port("STOA_EVAL_PORT");
    }

    public int evalGrpcPort() {
        return port("STOA_EVAL_GRPC_PORT");
    }

    /** The executable jar of a service module, as {@code ./mvnw package} leaves it. */
    public Path serviceJar(String module) {
        return ServiceProcess.executableJar(root, module);
    }
}
