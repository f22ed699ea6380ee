package dev.stoa.deploy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The part of a Kubernetes API server that Helm's {@code lookup} reads (discovery of v1 and GET of a Secret), on
 * loopback, so that the chart's secret handling renders as it does against a cluster: a Secret put here is "already
 * in the cluster". One per test JVM; Helm finds it through the KUBECONFIG file the build names (deploy/pom.xml).
 */
final class FakeKubeApi {
    private static final String NOT_FOUND =
            "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"NotFound\",\"code\":404}";
    private static FakeKubeApi instance;

    private final Map<String, Map<String, String>> secrets = new ConcurrentHashMap<>();

    private FakeKubeApi() {}

    /** The running server, started and written into $KUBECONFIG on first use. */
    static synchronized FakeKubeApi get() {
        if (instance == null) {
            String kubeconfig = System.getenv("KUBECONFIG");
            if (kubeconfig == null || kubeconfig.isBlank()) {
                throw new IllegalStateException("KUBECONFIG is not set: run through Maven (deploy/pom.xml sets it), or"
                        + " Helm's lookup would ask the cluster at localhost:8080");
            }
            FakeKubeApi api = new FakeKubeApi();
            api.start(Path.of(kubeconfig));
            instance = api;
        }
        return instance;
    }

    /** Puts a Secret "in the cluster" (plain values; stored base64-encoded as the API does). */
    void putSecret(String namespace, String name, Map<String, String> plain) {
        Map<String, String> data = new LinkedHashMap<>();
        plain.forEach((k, v) -> data.put(k, Base64.getEncoder().encodeToString(v.getBytes(StandardCharsets.UTF_8))));
        secrets.put(namespace + "/" + name, data);
    }

    void clear() {
        secrets.clear();
    }

    private void start(Path kubeconfig) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", this::handle);
            server.setExecutor(null);
            server.start();
            Files.createDirectories(kubeconfig.getParent());
            Files.writeString(kubeconfig, """
                    apiVersion: v1
                    kind: Config
                    clusters: [{name: fake, cluster: {server: "http://127.0.0.1:%d"}}]
                    users: [{name: fake, user: {}}]
                    contexts: [{name: fake, context: {cluster: fake, user: fake}}]
                    current-context: fake
                    """.formatted(server.getAddress().getPort()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String[] parts = path.split("/");
        if (path.equals("/api")) {
            respond(exchange, 200, "{\"kind\":\"APIVersions\",\"versions\":[\"v1\"]}");
        } else if (path.equals("/apis")) {
            respond(exchange, 200, "{\"kind\":\"APIGroupList\",\"apiVersion\":\"v1\",\"groups\":[]}");
        } else if (path.equals("/api/v1")) {
            respond(exchange, 200, """
                    {"kind":"APIResourceList","groupVersion":"v1","resources":[{"name":"secrets",\
                    "singularName":"secret","namespaced":true,"kind":"Secret","verbs":["get","list"]}]}""");
        } else if (parts.length == 7 && parts[3].equals("namespaces") && parts[5].equals("secrets")) {
            Map<String, String> data = secrets.get(parts[4] + "/" + parts[6]);
            if (data == null) {
                respond(exchange, 404, NOT_FOUND);
            } else {
                // Names and base64 values need no JSON escaping.
                String fields = data.entrySet().stream()
                        .map(e -> "\"" + e.getKey() + "\":\"" + e.getValue() + "\"")
                        .collect(Collectors.joining(","));
                respond(exchange, 200, """
                        {"apiVersion":"v1","kind":"Secret","type":"Opaque",\
                        "metadata":{"name":"%s","namespace":"%s"},"data":{%s}}""".formatted(parts[6], parts[4], fields));
            }
        } else {
            respond(exchange, 404, NOT_FOUND);
        }
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
