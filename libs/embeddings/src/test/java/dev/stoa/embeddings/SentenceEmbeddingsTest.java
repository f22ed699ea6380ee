package dev.stoa.embeddings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class SentenceEmbeddingsTest {
    private final SentenceEmbeddings embeddings = new SentenceEmbeddings();

    @Test
    void vectorsAreUnitLengthAndParaphrasesAreCloserThanUnrelatedSentences() {
        float[] lives = embeddings.embed("The user lives in Lisbon.");
        float[] home = embeddings.embed("Where is the user's home? Lisbon.");
        float[] coffee = embeddings.embed("Quarterly revenue grew by four percent.");

        assertThat(lives).hasSize(SentenceEmbeddings.DIMENSIONS);
        assertThat(SentenceEmbeddings.cosine(lives, lives)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
        assertThat(SentenceEmbeddings.cosine(lives, home))
                .isGreaterThan(SentenceEmbeddings.cosine(lives, coffee) + 0.2);
    }

    @Test
    void vectorsOfDifferentLengthsAreRefused() {
        assertThatThrownBy(() -> SentenceEmbeddings.cosine(new float[2], new float[3]))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theZeroVectorStaysZero() {
        assertThat(SentenceEmbeddings.normalized(new float[] {0, 0})).containsExactly(0, 0);
    }
}
