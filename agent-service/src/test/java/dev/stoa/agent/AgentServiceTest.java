package dev.stoa.agent;

import dev.stoa.test.service.StoaServiceTest;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * agent-service on the Stoa service test kit, one instance for every IT in the JVM: embedded PostgreSQL, in-JVM
 * Kafka, in-process gRPC, tokens from the test issuer, a fake of memory's Recall ({@link FakeMemoryServer}), providers at the local fake (so private networks are allowed).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(FakeMemoryServer.class)
@StoaServiceTest(
        service = "agent",
        classes = AgentApplication.class,
        properties = {
            "stoa.agent.providers.allow-private-networks=true",
            // A loaded test machine may take longer than the 300 ms default for a first call on a new channel
            "stoa.agent.memory-recall-deadline=5s"
        })
@interface AgentServiceTest {}
