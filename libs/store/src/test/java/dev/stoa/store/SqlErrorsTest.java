package dev.stoa.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class SqlErrorsTest {

    @Test
    void aWriteThatGoesThroughIsTrue() {
        AtomicBoolean wrote = new AtomicBoolean();

        assertThat(SqlErrors.unlessDuplicate(() -> wrote.set(true))).isTrue();
        assertThat(wrote).isTrue();
    }

    @Test
    void aUniqueViolationAnywhereInTheCausesIsFalse() {
        RuntimeException duplicate = new IllegalStateException(
                "translated", new RuntimeException("wrapped", new SQLException("duplicate key", "23505")));

        assertThat(SqlErrors.unlessDuplicate(() -> {
                    throw duplicate;
                }))
                .isFalse();
    }

    @Test
    void anyOtherFailurePropagates() {
        RuntimeException foreignKey = new IllegalStateException("translated", new SQLException("no parent", "23503"));

        assertThatThrownBy(() -> SqlErrors.unlessDuplicate(() -> {
                    throw foreignKey;
                }))
                .isSameAs(foreignKey);
    }
}
