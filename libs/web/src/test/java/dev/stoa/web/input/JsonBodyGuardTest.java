package dev.stoa.web.input;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stoa.common.error.InvalidInputException;
import dev.stoa.common.error.StoaException.FieldError;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.json.JsonMapper;

/** The global ceilings on a body, each named by the place that passes it. */
class JsonBodyGuardTest {
    private static final JsonMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
                    .streamReadConstraints(JsonBodyGuard.CONSTRAINTS)
                    .build())
            .build();

    @Test
    void refusesAStringLongerThanTheCeiling() {
        assertRefused("{\"a\":{\"b\":\"" + "x".repeat(65_537) + "\"}}", "a.b", "must be at most 65536 characters");
    }

    @Test
    void refusesMoreEntriesThanTheCeilingInAnArrayOrAnObject() {
        String array = "[" + "1,".repeat(1_000) + "1]";
        StringBuilder object = new StringBuilder("{");
        for (int i = 0; i <= 1_000; i++) {
            object.append(i == 0 ? "" : ",").append("\"k").append(i).append("\":1");
        }
        object.append('}');

        assertRefused("{\"items\":" + array + "}", "items", "must have at most 1000 entries");
        assertRefused("{\"metadata\":" + object + "}", "metadata", "must have at most 1000 entries");
    }

    @Test
    void refusesNestingLongNamesAndLongNumbers() {
        assertRefused(
                "{\"a\":" + "[".repeat(33) + "]".repeat(33) + "}",
                "a" + "[0]".repeat(31), // the object is level 1: the 33rd level opens at a[0]...[0]
                "must not nest objects and arrays deeper than 32 levels");
        assertRefused(
                "{\"m\":{\"" + "k".repeat(257) + "\":1}}",
                "m",
                "must not have property names longer than 256 characters");
        assertRefused("{\"n\":" + "9".repeat(101) + "}", "n", "must not have numbers longer than 100 characters");
    }

    @Test
    void acceptsWhatIsWithinTheCeilingsAndLeavesMalformedJsonToTheBinding() {
        String atTheCeilings = "{\"s\":\"" + "x".repeat(65_536) + "\",\"a\":[" + "1,".repeat(999) + "1],\"d\":"
                + "[".repeat(31) + "]".repeat(31) + "}";

        assertThatCode(() -> check(atTheCeilings)).doesNotThrowAnyException();
        assertThatCode(() -> check("{\"a\":")).doesNotThrowAnyException();
    }

    private static void assertRefused(String body, String field, String message) {
        assertThatThrownBy(() -> check(body))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> org.assertj.core.api.Assertions.assertThat(e.fieldErrors())
                                .containsExactly(new FieldError(field, message)));
    }

    private static void check(String body) {
        JsonBodyGuard.check(MAPPER, body.getBytes(StandardCharsets.UTF_8));
    }
}
