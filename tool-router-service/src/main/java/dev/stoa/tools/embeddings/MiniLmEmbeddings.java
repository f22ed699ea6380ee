package dev.stoa.tools.embeddings;

import dev.stoa.embeddings.SentenceEmbeddings;
import dev.stoa.tools.domain.port.TextEmbeddings;
import org.springframework.stereotype.Component;

/** Smart selection's embeddings: the shared in-process sentence model (loaded on first use). */
@Component
public final class MiniLmEmbeddings implements TextEmbeddings {
    private final SentenceEmbeddings model = new SentenceEmbeddings();

    @Override
    public float[] embed(String text) {
        return model.embed(text);
    }
}
