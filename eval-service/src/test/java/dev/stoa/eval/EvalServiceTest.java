package dev.stoa.eval;

import dev.stoa.test.service.StoaServiceTest;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * eval-service on the Stoa service test kit with fakes of chat's and agent's gRPC ({@link FakePeers}); the run worker
 * polls and leases quickly. One instance for every IT in the JVM.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(FakePeers.class)
@StoaServiceTest(
        service = "eval",
        classes = {EvalApplication.class, ServiceTokenTestConfig.class},
        properties = {
            "stoa.eval.poll-interval=100ms",
            "stoa.eval.lease=3s",
            // the judge calls the fake provider on 127.0.0.1
            "stoa.eval.providers.allow-loopback=true"
        })
@interface EvalServiceTest {}
