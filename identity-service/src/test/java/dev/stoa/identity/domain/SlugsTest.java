package dev.stoa.identity.domain;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SlugsTest {
    @Test
    void slugifiesNamesIntoValidSlugs() {
        assertThat(Slugs.slugify("Acme Corp. (EU)")).isEqualTo("acme-corp-eu");
        assertThat(Slugs.slugify("Café Zürich")).isEqualTo("cafe-zurich");
        assertThat(Slugs.slugify("!")).matches(Slugs.VALID);
        assertThat(Slugs.slugify("x".repeat(100))).hasSizeLessThanOrEqualTo(48).matches(Slugs.VALID);
    }
}
