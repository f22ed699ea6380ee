package dev.stoa.embedded;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The JVM that {@link ReaperIT} kills: starts a persistent and a temporary PostgreSQL, a service process and a shell
 * with a child of its own (as {@code kc.sh} has Keycloak's JVM) through the fixtures, prints what it started, waits.
 */
public final class ReaperChild {
    private ReaperChild() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int port = Integer.parseInt(args[1]);
        StoaPostgres persistent = StoaPostgres.startPersistent(dir.resolve("postgres"), 0);
        StoaPostgres temporary = StoaPostgres.instance();
        ServiceProcess service = ServiceProcess.start(new ServiceProcess.Spec(
                "fake", FakeService.jar(dir), List.of("-Xmx32m"), Map.of("server.port", port), Map.of(), dir));
        service.awaitReady("http://127.0.0.1:" + port + "/ready", Duration.ofSeconds(60));
        Process shell = new ProcessBuilder("bash", "-c", "sleep 600 & wait").start();
        Reaper.killOnExit(shell.toHandle());
        System.out.println(
                "started " + persistent.port() + " " + temporary.port() + " " + service.pid() + " " + shell.pid());
        Thread.sleep(Duration.ofMinutes(10));
    }
}
