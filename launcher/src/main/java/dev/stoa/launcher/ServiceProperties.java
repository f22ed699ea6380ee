package dev.stoa.launcher;

import dev.stoa.embedded.StoaKafka;
import dev.stoa.embedded.StoaPostgres;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Spring properties each service of the embedded platform starts with: its database, the broker, its ports on
 * 127.0.0.1, the channels to the services it calls and its local credentials.
 */
final class ServiceProperties {
    private final LaunchConfig config;
    private final StoaKafka kafka;
    private final LocalSecrets secrets;

    ServiceProperties(LaunchConfig config, StoaKafka kafka, LocalSecrets secrets) {
        this.config = config;
        this.kafka = kafka;
        this.secrets = secrets;
    }

    Map<String, Object> identity(StoaPostgres.Database db) {
        Map<String, Object> props = new LinkedHashMap<>(db.springProperties());
        props.put("spring.kafka.bootstrap-servers", kafka.brokers());
        props.put("server.port", config.identityPort());
        props.put("spring.grpc.server.port", config.identityGrpcPort());
        props.put("spring.grpc.server.address", "127.0.0.1");
        props.put("server.address", "127.0.0.1");
        props.put("stoa.secrets.keys.v1", secrets.encryptionKey());
        props.put("stoa.secrets.active-version", "v1");
        LocalSecrets.SERVICE_CLIENTS.forEach(
                client -> props.put("stoa.identity.service-clients." + client, secrets.serviceSecret(client)));
        // No mail server to set up: every mail is an .eml file in STOA_HOME/mail, and its link is in the log.
        props.put("stoa.identity.mail.delivery", "file");
        props.put("stoa.identity.mail.directory", config.home().resolve("mail").toString());
        props.put("stoa.identity.mail.log-links", true);
        props.put("stoa.identity.mail.public-url", "http://localhost:" + config.gatewayPort());
        return props;
    }

    Map<String, Object> agent(StoaPostgres.Database db) {
        Map<String, Object> props = new LinkedHashMap<>(db.springProperties());
        props.put("spring.kafka.bootstrap-servers", kafka.brokers());
        props.put("server.port", config.agentPort());
        props.put("server.address", "127.0.0.1");
        props.put("spring.grpc.server.port", config.agentGrpcPort());
        props.put("spring.grpc.server.address", "127.0.0.1");
        props.put("stoa.security.jwks-uri", local(config.identityPort()) + "/.well-known/jwks.json");
        // its own service credential: it rebuilds its revocation list from identity (ListRevokedCredentials)
        props.put("spring.grpc.client.channel.identity.target", "static://127.0.0.1:" + config.identityGrpcPort());
        props.put("stoa.grpc.service-credential.client-id", "agent");
        props.put("stoa.grpc.service-credential.client-secret", secrets.serviceSecret("agent"));
        props.put("stoa.secrets.keys.v1", secrets.encryptionKey());
        props.put("stoa.secrets.active-version", "v1");
        // One machine, one developer: models served on localhost (Ollama, llama.cpp, vLLM) must be reachable, but only
        // the loopback: no other private address and never a metadata service (agent-service logs this at start).
        props.put("stoa.agent.providers.allow-loopback", true);
        // the prompt preview recalls a user's memory
        props.put("spring.grpc.client.channel.memory.target", "static://127.0.0.1:" + config.memoryGrpcPort());
        return props;
    }

    Map<String, Object> chat(StoaPostgres.Database db) {
        Map<String, Object> props = new LinkedHashMap<>(db.springProperties());
        props.put("spring.kafka.bootstrap-servers", kafka.brokers());
        props.put("server.port", config.chatPort());
        props.put("server.address", "127.0.0.1");
        props.put("spring.grpc.server.port", config.chatGrpcPort());
        props.put("spring.grpc.server.address", "127.0.0.1");
        props.put("stoa.security.jwks-uri", local(config.identityPort()) + "/.well-known/jwks.json");
        props.put("spring.grpc.client.channel.agent.target", "static://127.0.0.1:" + config.agentGrpcPort());
        props.put("spring.grpc.client.channel.tool-router.target", "static://127.0.0.1:" + config.toolsGrpcPort());
        props.put("spring.grpc.client.channel.identity.target", "static://127.0.0.1:" + config.identityGrpcPort());
        props.put("spring.grpc.client.channel.monitoring.target", "static://127.0.0.1:" + config.monitoringGrpcPort());
        props.put("spring.grpc.client.channel.memory.target", "static://127.0.0.1:" + config.memoryGrpcPort());
        props.put("stoa.grpc.service-credential.client-id", "chat");
        props.put("stoa.grpc.service-credential.client-secret", secrets.serviceSecret("chat"));
        // As agent-service: models served on localhost (Ollama, the fake provider) are reachable, only the loopback.
        props.put("stoa.chat.providers.allow-loopback", true);
        return props;
    }

    Map<String, Object> tools(StoaPostgres.Database db) {
        Map<String, Object> props = new LinkedHashMap<>(db.springProperties());
        props.put("spring.kafka.bootstrap-servers", kafka.brokers());
        props.put("server.port", config.toolsPort());
        props.put("server.address", "127.0.0.1");
        props.put("spring.grpc.server.port", config.toolsGrpcPort());
        props.put("spring.grpc.server.address", "127.0.0.1");
        props.put("stoa.security.jwks-uri", local(config.identityPort()) + "/.well-known/jwks.json");
        // its own service credential: it rebuilds its revocation list from identity (ListRevokedCredentials)
        props.put("spring.grpc.client.channel.identity.target", "static://127.0.0.1:" + config.identityGrpcPort());
        // the safety policy it applies to tool arguments and results
        props.put("spring.grpc.client.channel.monitoring.target", "static://127.0.0.1:" + config.monitoringGrpcPort());
        props.put("stoa.grpc.service-credential.client-id", "toolrouter");
        props.put("stoa.grpc.service-credential.client-secret", secrets.serviceSecret("toolrouter"));
        // MCP: external servers' credentials are sealed at rest; agents exposed on MCP endpoints run chat turns
        props.put("stoa.secrets.keys.v1", secrets.encryptionKey());
        props.put("stoa.secrets.active-version", "v1");
        props.put("spring.grpc.client.channel.chat.target", "static://127.0.0.1:" + config.chatGrpcPort());
        return props;
    }

    Map<String, Object> monitoring(StoaPostgres.Database db) {
        Map<String, Object> props = new LinkedHashMap<>(db.springProperties());
        props.put("spring.kafka.bootstrap-servers", kafka.brokers());
        props.put("server.port", config.monitoringPort());
        props.put("server.address", "127.0.0.1");
        props.put("spring.grpc.server.port", config.monitoringGrpcPort());
        props.put("spring.grpc.server.address", "127.0.0.1");
        props.put("stoa.security.jwks-uri", local(config.identityPort()) + "/.well-known/jwks.json");
        // webhook signing secrets are sealed at rest
        props.put("stoa.secrets.keys.v1", secrets.encryptionKey());
        props.put("stoa.secrets.active-version", "v1");
        // One machine, one developer: a webhook receiver on localhost over plain http is reachable (the loopback only,
        // never another private address or a metadata service).
        props.put("stoa.monitoring.webhooks.allow-insecure", true);
        props.put("stoa.monitoring.webhooks.allow-loopback", true);
        return props;
    }

    Map<String, Object> memory(StoaPostgres.Database db) {
        Map<String, Object> props = new LinkedHashMap<>(db.springProperties());
        props.put("spring.kafka.bootstrap-servers", kafka.brokers());
        props.put("server.port", config.memoryPort());
        props.put("server.address", "127.0.0.1");
        props.put("spring.grpc.server.port", config.memoryGrpcPort());
        props.put("spring.grpc.server.address", "127.0.0.1");
        props.put("stoa.security.jwks-uri", local(config.identityPort()) + "/.well-known/jwks.json");
        // the extraction model's chain (with its key) and agent existence
        props.put("spring.grpc.client.channel.agent.target", "static://127.0.0.1:" + config.agentGrpcPort());
        props.put("spring.grpc.client.channel.identity.target", "static://127.0.0.1:" + config.identityGrpcPort());
        props.put("stoa.grpc.service-credential.client-id", "memory");
        props.put("stoa.grpc.service-credential.client-secret", secrets.serviceSecret("memory"));
        // As chat: extraction models served on localhost (Ollama, the fake provider) are reachable, only the loopback.
        props.put("stoa.memory.providers.allow-loopback", true);
        return props;
    }

    Map<String, Object> eval(StoaPostgres.Database db) {
        Map<String, Object> props = new LinkedHashMap<>(db.springProperties());
        props.put("spring.kafka.bootstrap-servers", kafka.brokers());
        props.put("server.port", config.evalPort());
        props.put("server.address", "127.0.0.1");
        props.put("spring.grpc.server.port", config.evalGrpcPort());
        props.put("spring.grpc.server.address", "127.0.0.1");
        props.put("stoa.security.jwks-uri", local(config.identityPort()) + "/.well-known/jwks.json");
        // runs execute cases as chat turns; agent versions, judge models, canary and promotion are agent-service's
        props.put("spring.grpc.client.channel.chat.target", "static://127.0.0.1:" + config.chatGrpcPort());
        props.put("spring.grpc.client.channel.agent.target", "static://127.0.0.1:" + config.agentGrpcPort());
        props.put("spring.grpc.client.channel.identity.target", "static://127.0.0.1:" + config.identityGrpcPort());
        props.put("stoa.grpc.service-credential.client-id", "eval");
        props.put("stoa.grpc.service-credential.client-secret", secrets.serviceSecret("eval"));
        // As chat: judge models served on localhost (Ollama, the fake provider) are reachable, only the loopback.
        props.put("stoa.eval.providers.allow-loopback", true);
        return props;
    }

    Map<String, Object> gateway() {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("server.port", config.gatewayPort());
        props.put("management.server.port", config.gatewayManagementPort());
        props.put("stoa.gateway.identity.url", local(config.identityPort()));
        props.put("stoa.gateway.routes.agent.uri", local(config.agentPort()));
        props.put("stoa.gateway.routes.chat.uri", local(config.chatPort()));
        props.put("stoa.gateway.routes.tool-router.uri", local(config.toolsPort()));
        props.put("stoa.gateway.routes.monitoring.uri", local(config.monitoringPort()));
        props.put("stoa.gateway.routes.memory.uri", local(config.memoryPort()));
        props.put("stoa.gateway.routes.eval.uri", local(config.evalPort()));
        props.put("spring.grpc.client.channel.identity.target", "static://127.0.0.1:" + config.identityGrpcPort());
        props.put("stoa.grpc.service-credential.client-id", "gateway");
        props.put("stoa.grpc.service-credential.client-secret", secrets.serviceSecret("gateway"));
        props.put("spring.kafka.bootstrap-servers", kafka.brokers());
        return props;
    }

    private static String local(int port) {
        return "http://127.0.0.1:" + port;
    }
}
