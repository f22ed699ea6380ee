package dev.stoa.common.id;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IdsTest {
    @Test
    void generatedIdsArePrefixedValidAndSortByCreation() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            ids.add(Ids.generate("org"));
        }
        assertThat(ids).allSatisfy(id -> assertThat(Ids.isValid("org", id)).isTrue());
        assertThat(ids).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void rejectsWrongPrefixAndMalformedBodies() {
        String id = Ids.generate("key");
        assertThat(Ids.isValid("org", id)).isFalse();
        assertThat(Ids.isValid("key", id + "x")).isFalse();
        assertThat(Ids.isValid("key", "key_" + "u".repeat(26))).isFalse();
        assertThat(Ids.isValid("key", "key_' or 1=1 --xxxxxxxxxxxx")).isFalse();
    }

    @Test
    void encodesAllBitsOfTheUuid() {
        assertThat(Ids.encode(new UUID(0, 0))).isEqualTo("0".repeat(26));
        assertThat(Ids.encode(new UUID(-1, -1))).isEqualTo("7" + "z".repeat(25));
        assertThat(Ids.encode(new UUID(0, 1))).isEqualTo("0".repeat(25) + "1");
    }

    @Test
    void derivedIdsAreValidAndStablePerName() {
        String id = Ids.derived("trn", "memory:trn_1");

        assertThat(Ids.isValid("trn", id)).isTrue();
        assertThat(Ids.derived("trn", "memory:trn_1")).isEqualTo(id);
        assertThat(Ids.derived("trn", "memory:trn_2")).isNotEqualTo(id);
    }
}
