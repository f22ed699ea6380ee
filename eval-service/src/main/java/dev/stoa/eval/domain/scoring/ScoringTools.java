package dev.stoa.eval.domain.scoring;

import dev.stoa.embeddings.SentenceEmbeddings;

/** What scorers may call beyond the observation: the embedding model and the run's judge. */
public record ScoringTools(SentenceEmbeddings embeddings, Judge judge) {}
