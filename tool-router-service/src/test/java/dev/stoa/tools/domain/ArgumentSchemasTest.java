package dev.stoa.tools.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.stoa.tools.domain.model.Tool;
import dev.stoa.tools.domain.model.ToolDefinition;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ArgumentSchemasTest {
    private final ArgumentSchemas schemas = new ArgumentSchemas();

    @Test
    void namesThePointerOfTheFirstViolationAndEscapesPropertyNames() {
        Tool tool = tool(
                "t1",
                "{\"type\":\"object\",\"required\":[\"a/b\"],\"properties\":{\"n\":{\"type\":\"integer\"},"
                        + "\"list\":{\"type\":\"array\",\"items\":{\"$ref\":\"#/$defs/item\"}}},"
                        + "\"$defs\":{\"item\":{\"type\":\"string\"}}}");

        assertThat(schemas.violation(tool, "{\"a/b\":1}")).isEmpty();
        assertThat(schemas.violation(tool, "{}")).get().asString().startsWith("/a~1b: ");
        assertThat(schemas.violation(tool, "{\"a/b\":1,\"n\":\"x\"}"))
                .get()
                .asString()
                .startsWith("/n: ");
        // a $ref inside the schema works
        assertThat(schemas.violation(tool, "{\"a/b\":1,\"list\":[\"ok\",3]}"))
                .get()
                .asString()
                .startsWith("/list/1: ");
    }

    @Test
    void aSchemaNeverMakesTheRouterFetchARemoteDocument() throws Exception {
        // given a server a schema's $ref points at
        AtomicInteger fetched = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            fetched.incrementAndGet();
            byte[] body = "{\"type\":\"string\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
        try {
            String remote = "http://127.0.0.1:" + server.getAddress().getPort() + "/schema.json";
            Tool tool = tool("t2", "{\"type\":\"object\",\"properties\":{\"x\":{\"$ref\":\"" + remote + "\"}}}");

            // when arguments are checked, then the remote document is not loaded (the schema is not used here)
            assertThat(schemas.violation(tool, "{\"x\":5}")).isEmpty();
            assertThat(fetched).hasValue(0);
        } finally {
            server.stop(0);
        }
    }

    private static Tool tool(String id, String schema) {
        OffsetDateTime now = OffsetDateTime.now();
        return new Tool(
                id,
                "org_test",
                "sdk_test",
                new ToolDefinition(id, "test", schema, 1000, List.of(), false),
                "v1",
                Tool.SOURCE_SDK,
                now,
                now);
    }
}
