package dev.stoa.agent.api.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stoa.common.error.InvalidInputException;
import org.junit.jupiter.api.Test;

class PreconditionsTest {

    @Test
    void readsTheVersionFromIfMatchOrTheBody() {
        assertThat(Preconditions.expected("\"3\"", null)).isEqualTo(3);
        assertThat(Preconditions.expected("W/\"3\"", null)).isEqualTo(3);
        assertThat(Preconditions.expected("3", 3)).isEqualTo(3);
        assertThat(Preconditions.expected(null, 4)).isEqualTo(4);
        assertThat(Preconditions.expected("*", null)).isNull();
        assertThat(Preconditions.expected(null, null)).isNull();
    }

    @Test
    void refusesMalformedOrContradictoryVersions() {
        assertThatThrownBy(() -> Preconditions.expected("\"abc\"", null)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Preconditions.expected("0", null)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Preconditions.expected("2", 3)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> Preconditions.expected(null, 0)).isInstanceOf(InvalidInputException.class);
    }
}
