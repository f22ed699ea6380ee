package dev.stoa.tools.embeddings;

import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.stoa.tools.domain.port.TextEmbeddings;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * all-MiniLM-L6-v2 (384 dimensions) through ONNX Runtime, from the model inside the langchain4j artifact: no download
 * at run time. Loaded on first use, so a router whose agents never use smart selection never pays for it.
 */
@Component
public final class MiniLmEmbeddings implements TextEmbeddings {
    private volatile @Nullable AllMiniLmL6V2EmbeddingModel model;

    @Override
    public float[] embed(String text) {
        float[] vector = model().embed(text).content().vector();
        double norm = 0;
        for (float v : vector) {
            norm += v * v;
        }
        float scale = norm == 0 ? 0 : (float) (1 / Math.sqrt(norm));
        for (int i = 0; i < vector.length; i++) {
            vector[i] *= scale;
        }
        return vector;
    }

    private AllMiniLmL6V2EmbeddingModel model() {
        AllMiniLmL6V2EmbeddingModel m = model;
        if (m == null) {
            synchronized (this) {
                m = model;
                if (m == null) {
                    m = new AllMiniLmL6V2EmbeddingModel();
                    model = m;
                }
            }
        }
        return m;
    }
}
