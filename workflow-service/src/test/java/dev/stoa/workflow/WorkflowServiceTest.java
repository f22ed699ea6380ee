package dev.stoa.workflow;

import dev.stoa.test.service.StoaServiceTest;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * workflow-service on the Stoa service test kit with fakes of chat's and tool-router's gRPC ({@link FakePeers});
 * db-scheduler polls and heartbeats quickly. One instance for every IT in the JVM.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(FakePeers.class)
@StoaServiceTest(
        service = "workflow",
        classes = {WorkflowApplication.class, ServiceTokenTestConfig.class},
        properties = {
            "stoa.workflow.engine.polling-interval=100ms",
            "stoa.workflow.engine.heartbeat-interval=300ms",
            "stoa.workflow.engine.shutdown-max-wait=2s",
            // HTTP steps call a server on 127.0.0.1
            "stoa.workflow.http.allow-loopback=true"
        })
@interface WorkflowServiceTest {}
