package dev.stoa.monitoring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.stoa.test.TestHttp;
import java.time.Duration;
import java.util.function.Consumer;
import tools.jackson.databind.JsonNode;

/** Reads of the REST API, and reads that wait until the consumers have caught up with what a test published. */
final class Reads {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private Reads() {}

    /** The 200 body of GET {@code path}. */
    static JsonNode ok(TestHttp http, String path, String token) {
        TestHttp.Response response = http.get(path, token);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return response.json();
    }

    /** The body of GET {@code path} once it passes {@code check}. */
    static JsonNode awaiting(TestHttp http, String path, String token, Consumer<JsonNode> check) {
        JsonNode[] last = new JsonNode[1];
        await().atMost(WAIT).untilAsserted(() -> {
            last[0] = ok(http, path, token);
            check.accept(last[0]);
        });
        return last[0];
    }
}
