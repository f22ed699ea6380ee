package dev.stoa.memory.domain.model;

import java.util.List;

/** A user's current facts grouped by category (most facts first), and how many facts there are of each validity. */
public record MemoryView(
        String agentId, String userId, long currentFacts, long supersededFacts, List<Group> categories) {
    public MemoryView {
        categories = List.copyOf(categories);
    }

    /** The current facts of one category, newest first. */
    public record Group(String category, int count, List<Fact> facts) {
        public Group {
            facts = List.copyOf(facts);
        }
    }
}
