package dev.stoa.web.testapp;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** Non-idempotent endpoints that count their executions, for the Idempotency-Key tests. */
@RestController
@Tag(name = "Orders")
public class OrderController {
    public static final AtomicInteger ORDERS = new AtomicInteger();
    public static final AtomicInteger FLAKY_CALLS = new AtomicInteger();
    public static volatile CountDownLatch slowEntered = new CountDownLatch(1);
    public static volatile CountDownLatch slowRelease = new CountDownLatch(1);

    public record Order(String item) {}

    @PostMapping("/orders")
    @Operation(operationId = "order")
    public ResponseEntity<Map<String, Object>> order(@RequestBody Order order) {
        int number = ORDERS.incrementAndGet();
        return ResponseEntity.created(URI.create("/orders/" + number))
                .body(Map.of("number", number, "item", order.item()));
    }

    @PostMapping("/slow-orders")
    @Operation(operationId = "slow")
    public Map<String, String> slow(@RequestBody Order order) throws InterruptedException {
        slowEntered.countDown();
        if (!slowRelease.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("test never released the slow request");
        }
        return Map.of("item", order.item());
    }

    /** Fails the first time it runs, succeeds afterwards. */
    @PostMapping("/flaky-orders")
    @Operation(operationId = "flaky")
    public Map<String, Object> flaky(@RequestBody Order order) {
        if (FLAKY_CALLS.incrementAndGet() == 1) {
            throw new IllegalStateException("transient failure");
        }
        return Map.of("item", order.item(), "attempt", FLAKY_CALLS.get());
    }
}
