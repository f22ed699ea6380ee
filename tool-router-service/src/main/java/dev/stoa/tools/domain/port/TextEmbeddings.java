package dev.stoa.tools.domain.port;

/** Sentence embeddings computed in-process: unit-length vectors whose dot product is the cosine similarity. */
public interface TextEmbeddings {
    float[] embed(String text);
}
