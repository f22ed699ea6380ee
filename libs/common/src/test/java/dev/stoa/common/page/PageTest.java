package dev.stoa.common.page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stoa.common.error.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;

class PageTest {
    @Test
    void overfetchedRowProducesCursorOfLastKeptItem() {
        Page<String> page = Page.fromOverfetch(List.of("a", "b", "c"), 2, s -> s);
        assertThat(page.items()).containsExactly("a", "b");
        assertThat(PageRequest.of(2, page.nextCursor()).after()).isEqualTo("b");
    }

    @Test
    void lastPageHasNoCursor() {
        assertThat(Page.fromOverfetch(List.of("a"), 2, s -> s).nextCursor()).isNull();
    }

    @Test
    void rejectsLimitOutOfRangeAndForgedCursor() {
        assertThatThrownBy(() -> PageRequest.of(0, null)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> PageRequest.of(101, null)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> PageRequest.of(10, "not-a-cursor!"))
                .isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("cursor");
    }
}
