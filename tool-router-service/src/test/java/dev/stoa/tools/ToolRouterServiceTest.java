package dev.stoa.tools;

import dev.stoa.test.service.StoaServiceTest;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** tool-router-service on the Stoa service test kit, one instance for every IT in the JVM. */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@StoaServiceTest(
        service = "tools",
        classes = ToolRouterApplication.class,
        // http_fetch's tests fetch a local server; other private addresses stay refused
        properties = "stoa.tools.builtins.http-fetch.allow-loopback=true")
@interface ToolRouterServiceTest {}
