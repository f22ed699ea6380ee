package dev.stoa.memory;

import dev.stoa.test.service.StoaServiceTest;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * memory-service on the Stoa service test kit, with a fake of agent-service's runtime-config gRPC service
 * ({@link FakeAgentRuntime}) whose model chains point at the JVM's fake provider (so loopback is allowed). One
 * instance for every IT in the JVM.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(FakeAgentRuntime.class)
@StoaServiceTest(
        service = "memory",
        classes = MemoryApplication.class,
        properties = {
            "stoa.memory.providers.allow-loopback=true",
            "stoa.memory.index-poll=200ms",
            "stoa.memory.consumer.initial-backoff=100ms",
            "stoa.memory.consumer.max-backoff=500ms",
            "stoa.memory.consumer.max-retry-time=2s"
        })
@interface MemoryServiceTest {}
