package dev.stoa.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stoa.embedded.ServiceProcess;
import dev.stoa.test.TestHttp;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The launcher keeps its services running: a killed agent-service comes back, and the gateway serves it again. */
class SupervisionIT {

    // May start the shared platform, then waits up to 2 min for the restart.
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    @Test
    void aKilledServiceIsRestartedLoggedAndServedAgain() throws Exception {
        EmbeddedPlatform platform = SharedPlatform.get();
        TestHttp http = new TestHttp(platform.gatewayUrl());
        String owner = SharedPlatform.registerOwner(http);
        assertThat(http.get("/api/v1/agents", owner).status()).isEqualTo(200);
        SupervisedService agent = platform.services().get("agent-service");
        long killed = agent.pid();
        int restartsBefore = agent.restarts().size();

        ByteArrayOutputStream launcherLog = new ByteArrayOutputStream();
        PrintStream stderr = System.err;
        System.setErr(new PrintStream(tee(stderr, launcherLog), true, StandardCharsets.UTF_8));
        try {
            ProcessHandle.of(killed).orElseThrow().destroyForcibly(); // SIGKILL: no shutdown hook, like an OOM kill

            await("agent-service restarted and ready")
                    .atMost(Duration.ofMinutes(2))
                    .pollInterval(Duration.ofMillis(500))
                    .until(() -> agent.pid() != killed
                            && ServiceProcess.answers(platform.agentUrl() + "/actuator/health/readiness"));
            await("the gateway serves agents again")
                    .atMost(Duration.ofSeconds(30))
                    .until(() -> http.get("/api/v1/agents", owner).status() == 200);
            await("the launcher logged it ready again")
                    .atMost(Duration.ofSeconds(10))
                    .until(() -> launcherLog.toString(StandardCharsets.UTF_8).contains("agent-service is ready again"));
        } finally {
            System.setErr(stderr);
        }

        assertThat(ProcessHandle.of(killed).filter(ProcessHandle::isAlive)).isEmpty();
        assertThat(agent.restarts()).hasSize(restartsBefore + 1);
        SupervisedService.Restart restart = agent.restarts().getLast();
        assertThat(restart.exitCode()).isEqualTo(137); // 128 + SIGKILL
        assertThat(restart.waited()).isEqualTo(Backoff.DEFAULT.initial());
        assertThat(launcherLog.toString(StandardCharsets.UTF_8))
                .contains("agent-service exited with code 137; restarting in 1.0 s (restart "
                        + agent.restarts().size());
        assertThat(platform.services().get("identity-service").restarts()).isEmpty();
    }

    private static OutputStream tee(PrintStream first, ByteArrayOutputStream second) {
        return new OutputStream() {
            @Override
            public void write(int b) {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public synchronized void write(byte[] bytes, int offset, int length) {
                second.write(bytes, offset, length);
                first.write(bytes, offset, length);
            }
        };
    }
}
