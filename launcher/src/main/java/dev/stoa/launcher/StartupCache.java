package dev.stoa.launcher;

import dev.stoa.embedded.ServiceProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the services start fast: each service's executable jar is extracted once (an AOT cache can only hold classes
 * loaded from plain jars, not from Spring Boot's nested ones), and once the platform is ready the services that have no
 * AOT cache yet get one (JDK 25, JEP 483/514/515: classes loaded and linked, method profiles) from a training run that
 * starts the service up to its refreshed context ({@code spring.context.exit=onRefresh}: beans created, migrations
 * checked, nothing listening) and exits. Training runs one service at a time in the background, so the first start is
 * not slower; every later start loads the cache. A cache belongs to one jar, JDK and set of JVM flags: a rebuilt jar
 * gets a new directory and a new cache, and the old ones are deleted.
 */
final class StartupCache {
    private static final Logger log = LoggerFactory.getLogger(StartupCache.class);
    private static final Duration TRAINING_TIMEOUT = Duration.ofMinutes(5);

    /** What to run for one service: its (extracted) jar and the JVM flags that load its AOT cache, if any. */
    record Prepared(Path jar, List<String> jvmOptions) {}

    private final Path root;
    private final List<String> jvmOptions;
    private final boolean enabled;
    private volatile @Nullable ServiceProcess training;
    private volatile boolean closed;

    /** @param enabled false to run the executable jars as they are, with {@code jvmOptions} alone (tests) */
    StartupCache(Path root, List<String> jvmOptions, boolean enabled) {
        this.root = root;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.enabled = enabled;
    }

    /**
     * The extracted jar (extracted now unless done before) with {@code -XX:AOTCache} when a cache was trained for it;
     * the executable jar itself when disabled or when extracting fails.
     */
    Prepared prepare(String module, Path executableJar) {
        if (!enabled) {
            return new Prepared(executableJar, jvmOptions);
        }
        try {
            Path dir = root.resolve(module).resolve(key(executableJar));
            Path app = dir.resolve("app");
            Path jar = app.resolve(executableJar.getFileName());
            if (!Files.isRegularFile(jar)) {
                deleteSiblings(dir);
                extract(executableJar, app);
            }
            Path cache = cacheOf(jar, module);
            List<String> options = new ArrayList<>(jvmOptions);
            if (Files.isRegularFile(cache)) {
                options.add("-XX:AOTCache=" + cache);
            }
            return new Prepared(jar, options);
        } catch (IOException e) {
            log.warn("starting {} from its executable jar: {}", module, e.toString());
            return new Prepared(executableJar, jvmOptions);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Trains the missing caches of these running services one after the other, on a thread of its own. */
    void trainInBackground(List<ServiceProcess.Spec> services) {
        List<ServiceProcess.Spec> untrained =
                services.stream().filter(this::untrained).toList();
        if (untrained.isEmpty()) {
            return;
        }
        log.info("preparing a faster start for next time (AOT caches, in the background; logs/*-aot-training.log)");
        Thread.ofVirtual().name("aot-training").start(() -> {
            for (ServiceProcess.Spec service : untrained) {
                if (!closed) {
                    train(service, cacheOf(service.jar(), service.name()));
                }
            }
        });
    }

    /** Started from an extracted jar that has no cache yet and whose training did not fail before. */
    private boolean untrained(ServiceProcess.Spec service) {
        Path cache = cacheOf(service.jar(), service.name());
        return enabled
                && service.jar().startsWith(root)
                && !Files.exists(cache)
                && !Files.exists(cache.resolveSibling("training-failed"));
    }

    /** {@code <root>/<module>/<key>/<module>.aot}, beside the {@code app} directory that holds the extracted jar. */
    private static Path cacheOf(Path extractedJar, String module) {
        return Objects.requireNonNull(extractedJar.getParent(), "an extracted jar lies in a directory")
                .resolveSibling(module + ".aot");
    }

    private void train(ServiceProcess.Spec service, Path cache) {
        Path output = cache.resolveSibling(cache.getFileName() + ".tmp");
        List<String> options = new ArrayList<>(service.jvmOptions());
        options.add("-XX:AOTCacheOutput=" + output);
        options.add("-Dspring.context.exit=onRefresh");
        ServiceProcess.Spec spec = new ServiceProcess.Spec(
                service.name() + "-aot-training",
                service.jar(),
                options,
                service.properties(),
                service.environment(),
                service.logDir());
        try {
            ServiceProcess process = ServiceProcess.start(spec);
            training = process;
            lowerPriority(process.pid());
            OptionalInt exit = process.awaitExit(TRAINING_TIMEOUT);
            if (closed) {
                return;
            }
            if (exit.equals(OptionalInt.of(0)) && Files.isRegularFile(output)) {
                Files.move(output, cache, StandardCopyOption.ATOMIC_MOVE);
                log.info("{} will start faster from now on (AOT cache {})", service.name(), cache);
            } else {
                process.close();
                Files.createFile(cache.resolveSibling("training-failed"));
                log.warn(
                        "no AOT cache for {} (the service still starts, only slower); see {}",
                        service.name(),
                        spec.log());
            }
        } catch (IOException e) {
            log.warn("no AOT cache for {}: {}", service.name(), e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            training = null;
        }
    }

    /** Training yields the CPU to the running services (best effort: {@code renice} is on Linux and macOS). */
    private static void lowerPriority(long pid) {
        try {
            new ProcessBuilder("renice", "-n", "19", "-p", Long.toString(pid))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start()
                    .waitFor();
        } catch (IOException e) {
            // no renice: training runs at normal priority
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Ends a training run in progress (the platform is stopping). */
    void close() {
        closed = true;
        ServiceProcess process = training;
        if (process != null) {
            process.close();
        }
    }

    /** One directory per jar content, JDK and flag set: any of them changing needs a new cache. */
    private String key(Path jar) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            String runtime = String.join(
                    "\n",
                    System.getProperty("java.home"),
                    System.getProperty("java.vm.version"),
                    String.join(" ", jvmOptions));
            digest.update(runtime.getBytes(StandardCharsets.UTF_8));
            // The jar's content, not its date: Maven repackages an unchanged service on every build.
            try (ZipFile zip = new ZipFile(jar.toFile())) {
                zip.stream()
                        .sorted(Comparator.comparing(ZipEntry::getName))
                        .forEach(entry ->
                                digest.update(("\n" + entry.getName() + " " + entry.getCrc() + " " + entry.getSize())
                                        .getBytes(StandardCharsets.UTF_8)));
            }
            return HexFormat.of().formatHex(digest.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Spring Boot's own layout tool: the application jar plus {@code lib/}, started with {@code java -jar}. */
    private static void extract(Path executableJar, Path app) throws IOException, InterruptedException {
        Path partial = app.resolveSibling("app.partial");
        delete(partial);
        Process extract = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Djarmode=tools",
                        "-jar",
                        executableJar.toString(),
                        "extract",
                        "--destination",
                        partial.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        if (extract.waitFor() != 0) {
            throw new IOException("could not extract " + executableJar);
        }
        Files.move(partial, app, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void deleteSiblings(Path dir) throws IOException {
        Files.createDirectories(dir.getParent());
        try (Stream<Path> siblings = Files.list(dir.getParent())) {
            for (Path sibling : siblings.filter(p -> !p.equals(dir)).toList()) {
                delete(sibling);
            }
        }
    }

    private static void delete(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(path)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.delete(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
