package dev.stoa.workflow;

import dev.stoa.embedded.StoaKafka;
import dev.stoa.embedded.StoaPostgres;
import dev.stoa.test.TestHttp;
import dev.stoa.test.service.PlatformIssuerExtension;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * One more workflow-service process-alike in the test JVM: its own application context (own db-scheduler, own HTTP
 * and gRPC ports) on a database the test chooses, so tests can run two replicas on one database or stop one mid-run
 * and start another.
 */
final class Replica implements AutoCloseable {
    private final ConfigurableApplicationContext context;
    final TestHttp http;

    private Replica(ConfigurableApplicationContext context) {
        this.context = context;
        this.http = new TestHttp("http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port"));
    }

    static Replica start(StoaPostgres.Database database) {
        Map<String, String> properties = new LinkedHashMap<>(database.springProperties());
        properties.putAll(StoaKafka.springProperties());
        properties.put("spring.config.name", WorkflowApplication.CONFIG_NAME);
        properties.put("server.port", "0");
        properties.put("spring.grpc.server.port", "0");
        properties.put("stoa.security.issuer", PlatformIssuerExtension.issuer().issuer());
        properties.put("stoa.security.jwks-uri", PlatformIssuerExtension.jwksUri());
        properties.put("stoa.secrets.keys.v1", "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=");
        properties.put("stoa.secrets.active-version", "v1");
        properties.put("stoa.workflow.engine.polling-interval", "100ms");
        properties.put("stoa.workflow.engine.heartbeat-interval", "300ms");
        properties.put("stoa.workflow.engine.shutdown-max-wait", "2s");
        // command-line arguments outrank workflow.yml's ports
        List<String> args = new ArrayList<>();
        properties.forEach((k, v) -> args.add("--" + k + "=" + v));
        return new Replica(new SpringApplicationBuilder(WorkflowApplication.class, ServiceTokenTestConfig.class)
                .run(args.toArray(String[]::new)));
    }

    @Override
    public void close() {
        context.close();
    }
}
