package dev.stoa.deploy;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Paths of the artifacts under test and small process helpers. */
final class Tools {
    static final String NO_NODE = "node/npm not found on the PATH: the Compose Specification schema check"
            + " (deploy/compose-check) and the OpenAPI lint (deploy/openapi-lint) cannot run; install Node.js 20+ to"
            + " enable them";

    private Tools() {}

    /** The repository root (the deploy module's parent). */
    static Path repo() {
        Path dir = Path.of("").toAbsolutePath();
        return Files.exists(dir.resolve("deploy/pom.xml")) ? dir : dir.getParent();
    }

    static Optional<Path> find(String tool) {
        boolean windows = System.getProperty("os.name").toLowerCase().startsWith("windows");
        List<String> names = windows ? List.of(tool + ".cmd", tool + ".exe") : List.of(tool);
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            for (String name : names) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            }
        }
        return Optional.empty();
    }

    record Result(int exit, String output) {}

    /** Runs a command, stdout and stderr merged, failing after 60 s. */
    static Result run(Path dir, String... command) throws IOException, InterruptedException {
        return run(dir, Map.of(), command);
    }

    /** Runs a command with extra environment variables, stdout and stderr merged, failing after 60 s. */
    static Result run(Path dir, Map<String, String> environment, String... command)
            throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(List.of(command)))
                .directory(dir.toFile())
                .redirectErrorStream(true);
        builder.environment().putAll(environment);
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("timed out: " + String.join(" ", command));
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
