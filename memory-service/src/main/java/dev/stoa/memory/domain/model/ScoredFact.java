package dev.stoa.memory.domain.model;

/** A fact and its cosine similarity to a query (0..1). */
public record ScoredFact(Fact fact, double score) {}
