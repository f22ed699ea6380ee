package dev.stoa.embedded;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stand-in for a Stoa service in a jar of its own: reads {@code SPRING_APPLICATION_JSON} like Spring Boot, answers
 * 200 on {@code /ready} at {@code server.port}, and exits with {@code exit-code} at once when that is set.
 */
public final class FakeService {
    private FakeService() {}

    public static void main(String[] args) throws IOException {
        JsonNode props = JsonMapper.builder().build().readTree(System.getenv("SPRING_APPLICATION_JSON"));
        System.out.println(
                "fake service starting, greeting=" + props.path("greeting").asString());
        if (props.has("exit-code")) {
            System.exit(props.path("exit-code").asInt());
        }
        int port = props.path("server.port").asInt();
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        http.createContext("/ready", exchange -> {
            exchange.sendResponseHeaders(200, 2);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write("ok".getBytes());
            }
        });
        http.start();
        System.out.println("fake service ready on port " + port);
    }

    /** An executable jar whose manifest runs this class on the test class path. */
    public static Path jar(Path dir) {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, FakeService.class.getName());
        String classPath = List.of(System.getProperty("java.class.path").split(java.io.File.pathSeparator)).stream()
                .map(entry -> Path.of(entry).toUri().toString())
                .collect(Collectors.joining(" "));
        manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, classPath);
        Path jar = dir.resolve("fake-service-exec.jar");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            return jar;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
