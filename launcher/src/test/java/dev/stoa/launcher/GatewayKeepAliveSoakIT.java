package dev.stoa.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.stoa.common.auth.Role;
import dev.stoa.test.KeepAliveConnection;
import dev.stoa.test.KeepAliveConnection.Answer;
import dev.stoa.test.Principals;
import dev.stoa.test.TestHttp;
import dev.stoa.test.TestJwtIssuer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Issue 16's regression test: a few keep-alive connections send thousands of requests through the gateway,
 * concurrently, mixing every credential outcome, and every request must be answered within a bound; afterwards no
 * request is left in flight. A stall like the one Reactor Netty 1.3.6 had (a connection whose next request is never
 * read) fails it within seconds instead of hanging the build.
 */
class GatewayKeepAliveSoakIT {
    private static final int CONNECTIONS = 4;
    private static final int REQUESTS_PER_CONNECTION = 1_000;
    private static final Duration ANSWER_BOUND = Duration.ofSeconds(10);
    private static final String PATH = "/api/v1/org";
    private static final String SETUP_ADDRESS = "198.51.100.250";
    private static final Set<Integer> ACCEPTED = Set.of(200, 429);
    private static final Set<Integer> REFUSED = Set.of(401, 429);
    private static final Pattern IN_FLIGHT =
            Pattern.compile("(?m)^stoa_gateway_requests_inflight(?:\\{[^}]*})? (\\S+)$");

    /** What a request carries, and so how the gateway must answer it. */
    enum Outcome {
        JWT_REMEMBERED(ACCEPTED),
        JWT_FIRST_USE(ACCEPTED),
        API_KEY_CACHED(ACCEPTED),
        API_KEY_FIRST_USE(ACCEPTED),
        BAD_SIGNATURE(REFUSED),
        UNSIGNED(REFUSED),
        UNKNOWN_KEY_ID(REFUSED),
        UNKNOWN_API_KEY(REFUSED),
        SDK_SECRET_ON_REST(REFUSED),
        GARBAGE(REFUSED),
        NONE(REFUSED),
        LOGGED_OUT_JWT(REFUSED),
        REVOKED_API_KEY(REFUSED),
        RATE_LIMITED(Set.of(401, 429));

        final Set<Integer> statuses;

        Outcome(Set<Integer> statuses) {
            this.statuses = statuses;
        }
    }

    static EmbeddedPlatform platform;
    static TestHttp http;

    @BeforeAll
    static void startPlatform() {
        platform = assertStarted();
        http = new TestHttp(platform.gatewayUrl());
    }

    /**
     * One round by default; {@code -Dstoa.soak.rounds=20} repeats it on the same platform (how it was run before the
     * fix was declared done). Each round has its own deadline: dynamic tests get no default timeout.
     */
    @TestFactory
    Stream<DynamicTest> everyRequestOnKeepAliveConnectionsIsAnsweredWhateverItsCredential() {
        int rounds = Integer.getInteger("stoa.soak.rounds", 1);
        return IntStream.rangeClosed(1, rounds)
                .mapToObj(round -> DynamicTest.dynamicTest(
                        "round " + round + " of " + rounds,
                        () -> assertTimeoutPreemptively(Duration.ofMinutes(3), () -> soak(round))));
    }

    private void soak(int round) throws Exception {
        Credentials credentials = Credentials.create(http);
        URI gateway = URI.create(platform.gatewayUrl());
        Map<Outcome, AtomicInteger> sent = new ConcurrentHashMap<>();
        Map<String, AtomicInteger> statuses = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();

        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < CONNECTIONS; c++) {
                int connection = c;
                running.add(clients.submit(() -> {
                    Random random = new Random(16_000L * round + connection);
                    try (KeepAliveConnection socket =
                            new KeepAliveConnection(gateway.getHost(), gateway.getPort(), ANSWER_BOUND)) {
                        for (int i = 0; i < REQUESTS_PER_CONNECTION; i++) {
                            Outcome outcome = Outcome.values()[random.nextInt(Outcome.values().length)];
                            Map<String, String> headers = credentials.headersFor(outcome, random);
                            // a NoAnswerException here is the stall this test exists for: it fails the test
                            Answer answer = socket.send("GET", PATH, headers);
                            sent.computeIfAbsent(outcome, o -> new AtomicInteger())
                                    .incrementAndGet();
                            statuses.computeIfAbsent(outcome + " " + answer.status(), k -> new AtomicInteger())
                                    .incrementAndGet();
                            if (!outcome.statuses.contains(answer.status())
                                    || (answer.status() != 200
                                            && !answer.header("Content-Type").startsWith("application/problem+json"))) {
                                wrong.add(outcome + " → " + answer.status() + " " + answer.body());
                            }
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> client : running) {
                client.get(3, TimeUnit.MINUTES);
            }
        }

        assertThat(wrong).as("answers that do not fit their credential").isEmpty();
        assertThat(sent.values().stream().mapToInt(AtomicInteger::get).sum())
                .isEqualTo(CONNECTIONS * REQUESTS_PER_CONNECTION);
        assertThat(sent.keySet()).as("every credential outcome was tried").containsAll(Set.of(Outcome.values()));
        assertThat(statuses).as("the rate limit was reached at least once").anySatisfy((key, count) -> assertThat(key)
                .endsWith(" 429"));
        assertThat(statuses).as("valid credentials were served").anySatisfy((key, count) -> assertThat(key)
                .isEqualTo("API_KEY_FIRST_USE 200"));
        await().atMost(Duration.ofSeconds(5))
                .pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(gatewayInFlight()).isZero());
    }

    /** The gateway's own count of requests in flight on its public port, from its Prometheus endpoint. */
    static double gatewayInFlight() {
        String metrics = new TestHttp(platform.gatewayManagementUrl())
                .get("/actuator/prometheus", null)
                .body();
        Matcher m = IN_FLIGHT.matcher(metrics);
        assertThat(m.find()).as("stoa_gateway_requests_inflight is exported").isTrue();
        return Double.parseDouble(m.group(1));
    }

    private static EmbeddedPlatform assertStarted() {
        try {
            return SharedPlatform.get();
        } catch (Exception e) {
            throw new IllegalStateException("the embedded platform did not start", e);
        }
    }

    /**
     * One of each kind of credential. Anonymous and refused requests are budgeted per client address, so each
     * request names one of many documentation addresses (TEST-NET-2) in X-Forwarded-For, which the test platform
     * trusts from loopback: the soak then neither exhausts nor is exhausted by the budget of other tests, and one
     * address is reserved for requests meant to reach the limit.
     */
    record Credentials(
            List<String> rememberedJwts,
            ConcurrentLinkedQueue<String> unusedJwts,
            String cachedApiKey,
            ConcurrentLinkedQueue<String> unusedApiKeys,
            String badSignature,
            String unsigned,
            String unknownKeyId,
            String sdkSecret,
            String loggedOutJwt,
            String revokedApiKey) {

        static Credentials create(TestHttp http) {
            List<String> owners = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                owners.add(register(http));
            }
            String owner = owners.getFirst();
            ConcurrentLinkedQueue<String> freshJwts = new ConcurrentLinkedQueue<>();
            String email = http.get("/api/v1/auth/me", owner)
                    .json()
                    .path("user")
                    .path("email")
                    .asString();
            for (int i = 0; i < 12; i++) {
                TestHttp.Response login = http.send(
                        "POST",
                        "/api/v1/auth/login",
                        null,
                        Map.of("email", email, "password", SharedPlatform.PASSWORD),
                        Map.of("X-Forwarded-For", SETUP_ADDRESS));
                assertThat(login.status()).as(login.body()).isEqualTo(200);
                freshJwts.add(login.json().path("access_token").asString());
            }
            Function<String, String> newKey = name -> {
                TestHttp.Response key =
                        http.post("/api/v1/org/api-keys", owner, Map.of("name", name, "scopes", List.of("org:read")));
                assertThat(key.status()).as(key.body()).isEqualTo(201);
                return key.json().path("key").asString();
            };
            ConcurrentLinkedQueue<String> freshKeys = new ConcurrentLinkedQueue<>();
            for (int i = 0; i < 12; i++) {
                freshKeys.add(newKey.apply("soak-" + i));
            }
            String cachedKey = newKey.apply("soak-cached");
            String revokedKey = newKey.apply("soak-revoked");
            String revokedKeyId = http.get("/api/v1/org/api-keys", owner)
                    .json()
                    .path("data")
                    .valueStream()
                    .filter(k -> k.path("name").asString().equals("soak-revoked"))
                    .findFirst()
                    .orElseThrow()
                    .path("id")
                    .asString();
            assertThat(http.get(PATH, revokedKey).status()).isEqualTo(200); // cached at the gateway, then revoked
            assertThat(http.delete("/api/v1/org/api-keys/" + revokedKeyId, owner)
                            .status())
                    .isEqualTo(204);

            String loggedOut = register(http);
            assertThat(http.get(PATH, loggedOut).status()).isEqualTo(200);
            assertThat(http.post("/api/v1/auth/logout", loggedOut, null).status())
                    .isEqualTo(204);
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(http.get(PATH, loggedOut).status()).isEqualTo(401);
                assertThat(http.get(PATH, revokedKey).status()).isEqualTo(401);
            });

            String sdkSecret = http.post("/api/v1/org/sdk-connections", owner, Map.of("name", "soak"))
                    .json()
                    .path("secret")
                    .asString();
            String[] parts = owner.split("\\.");
            TestJwtIssuer stranger = new TestJwtIssuer("stoa");
            return new Credentials(
                    owners,
                    freshJwts,
                    cachedKey,
                    freshKeys,
                    parts[0] + "." + parts[1] + ".AAAA",
                    "eyJhbGciOiJub25lIn0." + parts[1] + ".",
                    stranger.issue(Principals.user("org_x", "usr_x", Role.OWNER)),
                    sdkSecret,
                    loggedOut,
                    revokedKey);
        }

        /** A new owner, registered from the set-up's own client address (not the shared loopback budget). */
        private static String register(TestHttp http) {
            String email = "soak-" + UUID.randomUUID().toString().substring(0, 12) + "@example.com";
            TestHttp.Response registered = http.send(
                    "POST",
                    "/api/v1/auth/register",
                    null,
                    Map.of("email", email, "password", SharedPlatform.PASSWORD, "name", "Soak"),
                    Map.of("X-Forwarded-For", SETUP_ADDRESS));
            assertThat(registered.status()).as(registered.body()).isEqualTo(201);
            return registered.json().path("access_token").asString();
        }

        Map<String, String> headersFor(Outcome outcome, Random random) {
            Map<String, String> headers = new java.util.LinkedHashMap<>();
            headers.put(
                    "X-Forwarded-For",
                    outcome == Outcome.RATE_LIMITED ? "198.51.100.254" : "198.51.100." + random.nextInt(200));
            String bearer =
                    switch (outcome) {
                        case JWT_REMEMBERED -> rememberedJwts.get(random.nextInt(rememberedJwts.size()));
                        case JWT_FIRST_USE -> orElse(unusedJwts.poll(), rememberedJwts.getFirst());
                        case API_KEY_CACHED -> cachedApiKey;
                        case API_KEY_FIRST_USE -> orElse(unusedApiKeys.poll(), cachedApiKey);
                        case BAD_SIGNATURE -> badSignature;
                        case UNSIGNED -> unsigned;
                        case UNKNOWN_KEY_ID -> unknownKeyId;
                        case UNKNOWN_API_KEY -> "stoa_sk_" + Long.toHexString(random.nextLong());
                        case SDK_SECRET_ON_REST -> sdkSecret;
                        case GARBAGE -> "garbage";
                        case LOGGED_OUT_JWT -> loggedOutJwt;
                        case REVOKED_API_KEY -> revokedApiKey;
                        case NONE, RATE_LIMITED -> null;
                    };
            if (bearer != null) {
                headers.put("Authorization", "Bearer " + bearer);
            }
            return headers;
        }

        private static String orElse(String value, String fallback) {
            return value != null ? value : fallback;
        }
    }
}
