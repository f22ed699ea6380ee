package dev.stoa.embeddings;

import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import org.jspecify.annotations.Nullable;

/**
 * all-MiniLM-L6-v2 (384 dimensions) through ONNX Runtime, from the model inside the langchain4j artifact: no download
 * at run time. Vectors are scaled to unit length, so the dot product of two is their cosine similarity. The model is
 * loaded on first use (about a second and 90 MB), so a service that never embeds never pays for it. Thread-safe.
 */
public final class SentenceEmbeddings {
    /** Length of every vector. */
    public static final int DIMENSIONS = 384;

    private volatile @Nullable AllMiniLmL6V2EmbeddingModel model;

    /** The unit-length embedding of {@code text}. */
    public float[] embed(String text) {
        return normalized(model().embed(text).content().vector());
    }

    /** Cosine similarity of two unit-length vectors of the same length. */
    public static double cosine(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("vectors differ in length: " + a.length + " and " + b.length);
        }
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
        }
        return dot;
    }

    static float[] normalized(float[] vector) {
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
