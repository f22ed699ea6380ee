package dev.stoa.eval;

import dev.stoa.test.service.StoaServiceTest;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** eval-service on the Stoa service test kit, one instance for every IT in the JVM. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@StoaServiceTest(service = "eval", classes = EvalApplication.class)
@interface EvalServiceTest {}
