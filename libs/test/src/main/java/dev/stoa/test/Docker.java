package dev.stoa.test;

import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/** Whether a Docker engine is usable, decided once per JVM without slow probing when there is plainly none. */
final class Docker {
    private static volatile @Nullable Boolean available;

    private Docker() {}

    static boolean available() {
        Boolean known = available;
        if (known == null) {
            known = probe();
            available = known;
        }
        return known;
    }

    private static boolean probe() {
        String override = System.getProperty("stoa.test.docker", System.getenv("STOA_TEST_DOCKER"));
        if (override != null) {
            // An explicit choice wins; "true" still needs a working engine.
            if (!Boolean.parseBoolean(override)) {
                return false;
            }
        } else if (!hints()) {
            // Testcontainers' own discovery tries several strategies and logs each failure; skip it outright.
            return false;
        }
        try {
            return ContainerSupport.dockerAvailable();
        } catch (Throwable notUsable) {
            // Testcontainers cannot reach the engine (or is not on the classpath).
            return false;
        }
    }

    private static boolean hints() {
        String home = System.getProperty("user.home", "");
        return System.getenv("DOCKER_HOST") != null
                || System.getenv("TESTCONTAINERS_HOST_OVERRIDE") != null
                || Files.exists(Path.of("/var/run/docker.sock"))
                || Files.exists(Path.of(home, ".docker", "run", "docker.sock"))
                || Files.exists(Path.of(home, ".testcontainers.properties"));
    }
}
