package dev.stoa.memory.domain.port;

import dev.stoa.memory.domain.model.FinishedTurn;
import dev.stoa.memory.domain.model.ModelReply;

/** Extraction cost as spend: a turn-like event (kind memory) in the caller's transaction, one per source turn. */
public interface SpendEvents {
    void extractionSpent(FinishedTurn source, ModelReply spent);
}
