package dev.stoa.tools;

import dev.stoa.test.service.StoaServiceTest;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * tool-router-service on the Stoa service test kit with a fake of chat's gRPC ({@link FakeChat}), one instance for
 * every IT in the JVM.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(FakeChat.class)
@StoaServiceTest(
        service = "tools",
        classes = {ToolRouterApplication.class, ServiceTokenTestConfig.class},
        // http_fetch's and the MCP servers' tests reach local servers; other private addresses stay refused. The MCP
        // resync runs every 2 s so that a stopped server goes down within a test.
        properties = {
            "stoa.tools.builtins.http-fetch.allow-loopback=true",
            "stoa.tools.mcp.allow-loopback=true",
            "stoa.tools.mcp.resync-interval-ms=2000"
        })
@interface ToolRouterServiceTest {}
