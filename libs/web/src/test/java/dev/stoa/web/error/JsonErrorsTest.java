package dev.stoa.web.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.stoa.common.error.StoaException.FieldError;
import dev.stoa.web.json.StoaJsonCustomizer;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.json.JsonMapper;

class JsonErrorsTest {
    private static final JsonMapper MAPPER =
            StoaJsonCustomizer.apply(JsonMapper.builder()).build();

    record Limits(int maxItems, String label, double ratio) {}

    @Test
    void reportsMissingPrimitiveAsRequired() {
        assertThat(errors("{\"label\":\"a\",\"ratio\":1.5}"))
                .containsExactly(new FieldError("max_items", "is required"));
    }

    @Test
    void refusesFloatForInteger() {
        assertThat(errors("{\"max_items\":1.5,\"label\":\"a\",\"ratio\":1}"))
                .containsExactly(new FieldError("max_items", "must be an integer"));
    }

    @Test
    void refusesBooleanForString() {
        assertThat(errors("{\"max_items\":1,\"label\":true,\"ratio\":1}"))
                .containsExactly(new FieldError("label", "must be a string"));
    }

    @Test
    void treatsSyntaxErrorsAsMalformedJson() {
        Throwable truncated = catchThrowable(() -> MAPPER.readValue("{\"max_items\":", Limits.class));
        Throwable notJson = catchThrowable(() -> MAPPER.readValue("max_items=1", Limits.class));

        assertThat(truncated).isInstanceOf(StreamReadException.class);
        assertThat(notJson).isInstanceOf(StreamReadException.class);
        assertThat(JsonErrors.fieldErrors(truncated)).isNull();
        assertThat(JsonErrors.fieldErrors(notJson)).isNull();
    }

    @Test
    void aBindFailureWrappedByTheFrameworkStillNamesTheField() {
        Throwable bind = catchThrowable(
                () -> MAPPER.readValue("{\"max_items\":\"x\",\"label\":\"a\",\"ratio\":1}", Limits.class));

        assertThat(JsonErrors.fieldErrors(new IllegalStateException("could not read the body", bind)))
                .containsExactly(new FieldError("max_items", "must be an integer"));
    }

    private static List<FieldError> errors(String json) {
        Throwable failure = catchThrowable(() -> MAPPER.readValue(json, Limits.class));
        assertThat(failure).isNotNull();
        return JsonErrors.fieldErrors(failure);
    }
}
