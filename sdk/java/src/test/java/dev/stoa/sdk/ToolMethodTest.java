package dev.stoa.sdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ToolMethodTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    public record Order(String sku, int quantity, List<String> notes) {}

    public static final class Shop {
        @StoaTool(description = "Places an order.", timeoutMs = 2000, idempotent = true, tags = "orders")
        public Map<String, Object> placeOrder(Order order) {
            return Map.of("sku", order.sku(), "quantity", order.quantity());
        }

        @StoaTool(name = "add", description = "Adds two numbers.")
        public int sum(int a, int b) {
            return a + b;
        }

        @StoaTool(description = "Fails the way the model should see it.")
        public String refuse() {
            throw new ToolException("out_of_stock", "no more widgets", true);
        }
    }

    @Test
    void aRecordParameterIsTheArgumentsObjectAndItsSchemaComesFromItsComponents() throws Throwable {
        ToolMethod place = byName("placeOrder");
        assertThat(place.inputSchema.path("type").asText()).isEqualTo("object");
        assertThat(place.inputSchema.path("properties").path("sku").path("type").asText())
                .isEqualTo("string");
        assertThat(place.inputSchema
                        .path("properties")
                        .path("quantity")
                        .path("type")
                        .asText())
                .isEqualTo("integer");
        assertThat(place.inputSchema
                        .path("properties")
                        .path("notes")
                        .path("type")
                        .asText())
                .isEqualTo("array");
        assertThat(place.inputSchema.has("$schema")).isFalse();
        var registration = place.registration(JSON);
        assertThat(registration.path("timeout_ms").asInt()).isEqualTo(2000);
        assertThat(registration.path("idempotent").asBoolean()).isTrue();
        assertThat(registration.path("tags").get(0).asText()).isEqualTo("orders");
        assertThat(place.invoke(JSON, JSON.readTree("{\"sku\":\"w-1\",\"quantity\":3}"))
                        .path("quantity")
                        .asInt())
                .isEqualTo(3);
    }

    @Test
    void severalParametersAreTheArgumentsPropertiesByTheirNames() throws Throwable {
        ToolMethod add = byName("add");
        assertThat(add.inputSchema.path("properties").fieldNames()).toIterable().containsExactly("a", "b");
        assertThat(add.inputSchema.path("required")).hasSize(2);
        assertThat(add.invoke(JSON, JSON.readTree("{\"a\":2,\"b\":40}")).asInt())
                .isEqualTo(42);
    }

    @Test
    void argumentsThatDoNotFitAndToolErrorsKeepTheirCodes() {
        assertThatThrownBy(() -> byName("add").invoke(JSON, JSON.readTree("{\"a\":\"two\",\"b\":1}")))
                .isInstanceOfSatisfying(
                        ToolException.class, e -> assertThat(e.code()).isEqualTo("invalid_arguments"));
        assertThatThrownBy(() -> byName("refuse").invoke(JSON, JSON.readTree("{}")))
                .isInstanceOfSatisfying(ToolException.class, e -> {
                    assertThat(e.code()).isEqualTo("out_of_stock");
                    assertThat(e.retryable()).isTrue();
                });
    }

    @Test
    void backoffGrowsToItsCeilingWithJitter() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(2));
        for (int attempt = 0; attempt < 30; attempt++) {
            long ceiling = Math.min(2000, 100L << Math.min(attempt, 20));
            assertThat(backoff.delay(attempt).toMillis()).isBetween(ceiling / 4, ceiling);
        }
    }

    @Test
    void anObjectWithoutToolsIsRefused() {
        assertThatThrownBy(() -> ToolMethod.of(new Object())).isInstanceOf(IllegalArgumentException.class);
    }

    private static ToolMethod byName(String name) {
        return ToolMethod.of(new Shop()).stream()
                .filter(t -> t.name.equals(name))
                .findFirst()
                .orElseThrow();
    }
}
