package dev.stoa.chat;

import dev.stoa.test.service.StoaServiceTest;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * chat-service on the Stoa service test kit, with the real agent-service beside it (a child process on the same
 * PostgreSQL and Kafka) and fakes of monitoring's and memory's gRPC services ({@link FakeMonitoring}, {@link FakeMemory}); models at the local fake
 * provider, so private networks are allowed. One instance for every IT in the JVM.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith({AgentServiceProcess.class, FakeMonitoring.class, FakeMemory.class})
@StoaServiceTest(
        service = "chat",
        classes = {ChatApplication.class, ServiceTokenTestConfig.class},
        properties = {
            "stoa.chat.providers.allow-loopback=true",
            "stoa.chat.tool-timeout=2s",
            // A loaded test machine may take longer than the 300 ms default for a first call on a new channel
            "stoa.chat.memory-recall-deadline=2s"
        })
@interface ChatServiceTest {}
