package dev.stoa.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stoa.fakeprovider.FakeProvider;
import dev.stoa.launcher.FuzzCases.Case;
import dev.stoa.launcher.FuzzOperations.Operation;
import dev.stoa.launcher.RawHttp.Answer;
import dev.stoa.test.TestHttp;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.databind.JsonNode;

/**
 * Issue 19's fuzzing suite: every operation of the gateway's live /openapi.json, through the gateway, with generated
 * bad input (wrong types, boundaries, NUL, unpaired surrogates, bidirectional marks, huge values, odd ids and query
 * values, malformed JSON, percent-encodings and headers; see {@link FuzzCases}), as real owners of real orgs so
 * requests reach the handlers. Any 5xx, any 4xx that is not problem+json with a {@code code}, any request the gateway
 * drops unanswered and any answer slower than the bound fails the operation's test. New operations are fuzzed as
 * soon as the document lists them.
 *
 * <p>In the build: a fixed seed, the fixed cases of each operation and {@code -Dstoa.fuzz.tries} (default 6) random
 * ones. A longer run: {@code -Dstoa.fuzz.tries=300 -Dstoa.fuzz.seed=<any>}; {@code -Dstoa.fuzz.bound-ms} sets the
 * bound (default 10 s, generous for a loaded two-core CI machine); {@code -Dstoa.fuzz.gateway=<url>} fuzzes a platform
 * that is already running instead of the shared one. Requests are spread over four owners and, for the
 * public operations, over client addresses of TEST-NET-3, so they stay inside the gateway's rate limits.
 */
class InputFuzzEndToEndIT {
    private static final long SEED = Long.getLong("stoa.fuzz.seed", 19L);
    private static final int TRIES = Integer.getInteger("stoa.fuzz.tries", 6);
    private static final Duration BOUND = Duration.ofMillis(Long.getLong("stoa.fuzz.bound-ms", 10_000L));
    private static final int OWNERS = 4;
    private static final Map<Integer, AtomicInteger> STATUSES = new ConcurrentHashMap<>();

    static FakeProvider provider;
    static TestHttp http;
    static JsonNode document;
    static RawHttp raw;
    static List<FuzzOwner> owners;

    @BeforeAll
    static void setUp() throws Exception {
        // -Dstoa.fuzz.gateway=http://localhost:8080 fuzzes a platform that is already running (e.g. ./stoa up)
        String gatewayUrl = System.getProperty("stoa.fuzz.gateway");
        // the owners verify their email from the platform's mailbox (-Dstoa.fuzz.mail for a running platform)
        java.nio.file.Path mail = java.nio.file.Path.of(System.getProperty("stoa.fuzz.mail", "../.stoa/mail"));
        if (gatewayUrl == null) {
            gatewayUrl = SharedPlatform.get().gatewayUrl();
            mail = SharedPlatform.get().mailDirectory();
        }
        EmbeddedMailbox mailbox = new EmbeddedMailbox(mail);
        provider = FakeProvider.start();
        http = new TestHttp(gatewayUrl);
        document = TestHttp.JSON.readTree(SharedPlatform.completeDocument(gatewayUrl));
        URI gateway = URI.create(gatewayUrl);
        raw = new RawHttp(gateway.getHost(), gateway.getPort(), BOUND.plusSeconds(5));
        owners = IntStream.range(0, OWNERS)
                .mapToObj(i -> FuzzOwner.create(http, provider.baseUrl(), mailbox))
                .toList();
    }

    @AfterAll
    static void summarize() {
        provider.close();
        Map<Integer, Integer> counts = new TreeMap<>();
        STATUSES.forEach((status, count) -> counts.put(status, count.get()));
        System.out.println("input fuzz (seed " + SEED + ", " + TRIES + " random tries per operation): "
                + counts.values().stream().mapToInt(Integer::intValue).sum() + " requests, by status " + counts);
    }

    @TestFactory
    Stream<DynamicTest> everyOperationRefusesBadInputWithAProblem() {
        List<Operation> operations = FuzzOperations.of(document);
        assertThat(operations).as("operations in /openapi.json").isNotEmpty();
        return IntStream.range(0, operations.size()).mapToObj(i -> {
            Operation operation = operations.get(i);
            FuzzOwner owner = owners.get(i % OWNERS);
            return DynamicTest.dynamicTest(operation + " (" + operation.id() + ")", () -> fuzz(operation, owner));
        });
    }

    private static void fuzz(Operation operation, FuzzOwner owner) {
        Random random = new Random(SEED ^ operation.toString().hashCode());
        List<Case> cases = new FuzzCases(document, operation, owner.fixtures(), random).cases(TRIES);
        List<String> failures = new ArrayList<>();
        for (Case c : cases) {
            Map<String, String> headers = new LinkedHashMap<>(c.headers());
            if (operation.secured()) {
                headers.putIfAbsent("Authorization", "Bearer " + owner.token());
            } else {
                headers.put("X-Forwarded-For", "203.0.113." + random.nextInt(1, 255));
            }
            long started = System.nanoTime();
            Answer answer;
            try {
                answer = raw.send(c.method(), c.target(), headers, c.body());
            } catch (IOException e) {
                failures.add(describe(c) + "\n    -> no answer: " + e);
                continue;
            }
            Duration took = Duration.ofNanos(System.nanoTime() - started);
            STATUSES.computeIfAbsent(answer.status(), s -> new AtomicInteger()).incrementAndGet();
            String wrong = wrong(answer, took);
            if (wrong != null) {
                failures.add(describe(c) + "\n    -> " + wrong + ": " + answer.status() + " "
                        + answer.header("Content-Type") + " " + FuzzCases.abbreviate(answer.body()));
            }
            if (operation.secured() && answer.status() == 401) {
                owner.logInAgain(http); // the case ended the owner's session (logout): carry on with a new one
            }
        }
        assertThat(failures)
                .as(operation + ": " + failures.size() + " of " + cases.size() + " bad requests were mishandled")
                .isEmpty();
    }

    /** What is wrong with an answer to a bad request, or null when it is a proper one. */
    static @Nullable String wrong(Answer answer, Duration took) {
        if (answer.status() == 0) {
            return "closed without an answer";
        }
        if (answer.status() >= 500) {
            return "server error";
        }
        if (took.compareTo(BOUND) > 0) {
            return "slower than " + BOUND.toMillis() + " ms (" + took.toMillis() + " ms)";
        }
        if (answer.status() >= 400) {
            if (!answer.header("Content-Type").startsWith("application/problem+json")) {
                return "not problem+json";
            }
            JsonNode problem;
            try {
                problem = TestHttp.JSON.readTree(answer.body());
            } catch (RuntimeException e) {
                return "a problem body that is not JSON";
            }
            if (problem.path("code").asString().isEmpty()
                    || problem.path("status").asInt() != answer.status()) {
                return "a problem without its code or status";
            }
        }
        return null;
    }

    private static String describe(Case c) {
        return c.method() + " " + FuzzCases.abbreviate(c.target()) + " [" + c.what() + "]";
    }
}
