package dev.stoa.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stoa.common.auth.Role;
import dev.stoa.embedded.StoaPostgres;
import dev.stoa.store.SecretBox;
import dev.stoa.test.MutableClock;
import dev.stoa.test.Principals;
import dev.stoa.web.idempotency.IdempotencyScope;
import dev.stoa.web.idempotency.IdempotencyStore;
import dev.stoa.web.idempotency.JooqIdempotencyStore;
import dev.stoa.web.idempotency.Reservation;
import dev.stoa.web.idempotency.StoredResponse;
import dev.stoa.web.testapp.OrderController;
import dev.stoa.web.testapp.WebTestApplication;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

@SpringBootTest(
        classes = WebTestApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.liquibase.change-log=classpath:db/changelog/test-master.yaml")
class IdempotencyIT extends WebTestSupport {
    private static final String OTHER_USER_TOKEN = ISSUER.issue(Principals.user(ORG, "usr_2", Role.MEMBER));

    @Autowired
    private DSLContext dsl;

    @Autowired
    private SecretBox secretBox;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        StoaPostgres.database("web_idempotency").springProperties().forEach((k, v) -> registry.add(k, () -> v));
    }

    @Test
    void replaysCompletedResponseWithoutRunningAgain() {
        String key = newKey();
        HttpResponse<String> first = post("/orders", "{\"item\":\"tea\"}", key, USER_TOKEN);
        int executions = OrderController.ORDERS.get();

        HttpResponse<String> second = post("/orders", "{\"item\":\"tea\"}", key, USER_TOKEN);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(first.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(second.statusCode()).isEqualTo(201);
        assertThat(second.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.headers().firstValue("Location"))
                .isEqualTo(first.headers().firstValue("Location"));
        assertThat(second.headers().firstValue("Content-Type"))
                .hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        assertThat(OrderController.ORDERS.get()).isEqualTo(executions);
    }

    @Test
    void refusesSameKeyForDifferentBody() {
        String key = newKey();
        post("/orders", "{\"item\":\"tea\"}", key, USER_TOKEN);

        HttpResponse<String> reused = post("/orders", "{\"item\":\"coffee\"}", key, USER_TOKEN);

        assertThat(reused.statusCode()).isEqualTo(422);
        assertThat(json(reused).get("code").asString()).isEqualTo("idempotency_key_reused");
    }

    @Test
    void refusesSameKeyForDifferentPath() {
        String key = newKey();
        post("/orders", "{\"item\":\"tea\"}", key, USER_TOKEN);

        HttpResponse<String> reused = post("/flaky-orders", "{\"item\":\"tea\"}", key, USER_TOKEN);

        assertThat(reused.statusCode()).isEqualTo(422);
    }

    @Test
    void answersConflictWhileFirstRequestRuns() throws Exception {
        OrderController.slowEntered = new CountDownLatch(1);
        OrderController.slowRelease = new CountDownLatch(1);
        String key = newKey();
        CompletableFuture<HttpResponse<String>> first =
                CompletableFuture.supplyAsync(() -> post("/slow-orders", "{\"item\":\"tea\"}", key, USER_TOKEN));
        assertThat(OrderController.slowEntered.await(10, TimeUnit.SECONDS)).isTrue();

        HttpResponse<String> concurrent = post("/slow-orders", "{\"item\":\"tea\"}", key, USER_TOKEN);
        OrderController.slowRelease.countDown();

        assertThat(concurrent.statusCode()).isEqualTo(409);
        assertThat(json(concurrent).get("code").asString()).isEqualTo("idempotency_request_in_flight");
        assertThat(json(concurrent).get("retryable").asBoolean()).isTrue();
        assertThat(first.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
        assertThat(post("/slow-orders", "{\"item\":\"tea\"}", key, USER_TOKEN)
                        .headers()
                        .firstValue("Idempotent-Replayed"))
                .hasValue("true");
    }

    @Test
    void doesNotKeepServerErrorsSoClientCanRetry() {
        OrderController.FLAKY_CALLS.set(0);
        String key = newKey();

        HttpResponse<String> failed = post("/flaky-orders", "{\"item\":\"tea\"}", key, USER_TOKEN);
        HttpResponse<String> retried = post("/flaky-orders", "{\"item\":\"tea\"}", key, USER_TOKEN);

        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(retried.statusCode()).isEqualTo(200);
        assertThat(retried.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(OrderController.FLAKY_CALLS.get()).isEqualTo(2);
    }

    @Test
    void keepsKeysOfDifferentPrincipalsApart() {
        String key = newKey();
        post("/orders", "{\"item\":\"tea\"}", key, USER_TOKEN);
        int executions = OrderController.ORDERS.get();

        HttpResponse<String> other = post("/orders", "{\"item\":\"tea\"}", key, OTHER_USER_TOKEN);

        assertThat(other.statusCode()).isEqualTo(201);
        assertThat(other.headers().firstValue("Idempotent-Replayed")).isEmpty();
        assertThat(OrderController.ORDERS.get()).isEqualTo(executions + 1);
    }

    @Test
    void refusesMalformedKeyNamingTheHeader() {
        HttpResponse<String> response = post("/orders", "{\"item\":\"tea\"}", "k".repeat(256), USER_TOKEN);

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json(response).get("errors").get(0).get("field").asString()).isEqualTo("Idempotency-Key");
    }

    @Test
    void runsEveryRequestWithoutKey() {
        int executions = OrderController.ORDERS.get();

        post("/orders", "{\"item\":\"tea\"}", null, USER_TOKEN);
        post("/orders", "{\"item\":\"tea\"}", null, USER_TOKEN);

        assertThat(OrderController.ORDERS.get()).isEqualTo(executions + 2);
    }

    @Test
    void keepsResponsesSealedSoARevealedSecretIsNotInTheStoreInPlaintext() {
        String key = newKey();
        HttpResponse<String> first = post("/orders", "{\"item\":\"secret-tea-7f3a\"}", key, USER_TOKEN);
        assertThat(first.body()).contains("secret-tea-7f3a");

        var row = dsl.select(DSL.field("body", byte[].class), DSL.field("body_sealed", String.class))
                .from("stoa_idempotency_keys")
                .where(DSL.field("idempotency_key").eq(key))
                .fetchOne();
        HttpResponse<String> replay = post("/orders", "{\"item\":\"secret-tea-7f3a\"}", key, USER_TOKEN);

        assertThat(row).isNotNull();
        assertThat(row.value1()).isNull();
        assertThat(row.value2()).startsWith("v1:").doesNotContain("secret-tea-7f3a");
        assertThat(new String(java.util.Base64.getDecoder().decode(row.value2().substring(3)), StandardCharsets.UTF_8))
                .doesNotContain("secret-tea-7f3a");
        assertThat(replay.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(replay.body()).isEqualTo(first.body());
    }

    @Test
    void withoutAKeyRingNoResponseIsKept() {
        MutableClock clock = MutableClock.frozenAt(Instant.parse("2026-01-01T00:00:00Z"));
        IdempotencyStore store =
                new JooqIdempotencyStore(dsl, Duration.ofHours(24), Duration.ofMinutes(5), clock, null);
        IdempotencyScope scope = new IdempotencyScope(ORG, "usr_nobox", newKey());
        assertThat(store.reserve(scope, "hash-1")).isInstanceOf(Reservation.Reserved.class);

        store.complete(scope, new StoredResponse(201, "application/json", null, "{\"key\":\"s\"}".getBytes()));

        assertThat(dsl.fetchCount(
                        DSL.table("stoa_idempotency_keys"), DSL.field("subject").eq("usr_nobox")))
                .isZero();
        assertThat(store.reserve(scope, "hash-1")).isInstanceOf(Reservation.Reserved.class);
    }

    @Test
    void treatsExpiredKeysAsFreeAndPurgesThem() {
        MutableClock clock = MutableClock.frozenAt(Instant.parse("2026-01-01T00:00:00Z"));
        IdempotencyStore store =
                new JooqIdempotencyStore(dsl, Duration.ofHours(24), Duration.ofMinutes(5), clock, secretBox);
        IdempotencyScope scope = new IdempotencyScope(ORG, "usr_store", newKey());
        assertThat(store.reserve(scope, "hash-1")).isInstanceOf(Reservation.Reserved.class);
        store.complete(
                scope, new StoredResponse(201, "application/json", "/x/1", "{}".getBytes(StandardCharsets.UTF_8)));
        assertThat(store.reserve(scope, "hash-2")).isInstanceOf(Reservation.Mismatch.class);

        clock.advance(Duration.ofHours(25));
        Reservation afterTtl = store.reserve(scope, "hash-2");
        clock.advance(Duration.ofMinutes(6));
        int purged = store.purgeExpired();

        assertThat(afterTtl).isInstanceOf(Reservation.Reserved.class);
        assertThat(purged).isPositive();
        assertThat(store.reserve(scope, "hash-3")).isInstanceOf(Reservation.Reserved.class);
    }

    private HttpResponse<String> post(String path, String json, @Nullable String key, String token) {
        HttpRequest.Builder request = request(path, token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return send(request);
    }

    private static String newKey() {
        return "key-" + UUID.randomUUID();
    }
}
