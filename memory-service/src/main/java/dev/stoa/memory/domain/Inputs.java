package dev.stoa.memory.domain;

import dev.stoa.common.error.InvalidInputException;
import dev.stoa.common.error.NotFoundException;
import dev.stoa.common.id.Ids;
import dev.stoa.common.input.InputRules;

/** Checks of the ids and texts every memory call takes. */
final class Inputs {
    /** Longest end-user id memory keeps facts for. */
    static final int MAX_USER_ID = 200;
    /** Longest recall query (characters). */
    static final int MAX_QUERY = 2_000;

    private Inputs() {}

    /** An agent id that cannot name an agent is simply not found (as another org's would be). */
    static String agent(String agentId) {
        if (!Ids.isValid("agt", agentId)) {
            throw new NotFoundException("agent", agentId);
        }
        return agentId;
    }

    static String user(String userId) {
        if (userId.isEmpty() || userId.length() > MAX_USER_ID || !InputRules.acceptable(userId, false)) {
            throw new InvalidInputException("user_id", "must be 1 to " + MAX_USER_ID + " printable characters");
        }
        return userId;
    }

    static String fact(String factId) {
        if (!Ids.isValid("fct", factId)) {
            throw new NotFoundException("fact", factId);
        }
        return factId;
    }
}
