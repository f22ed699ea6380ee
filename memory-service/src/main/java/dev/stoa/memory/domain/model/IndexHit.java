package dev.stoa.memory.domain.model;

/** A fact id the vector index found and its cosine similarity to the query. */
public record IndexHit(String factId, double cosine) {}
