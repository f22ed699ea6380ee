package dev.stoa.memoryclient;

import java.util.List;

/**
 * The prompt block recalled facts become, in one place so chat's turns and agent-service's prompt preview show the
 * model the same text. It follows the agent's own prompt.
 */
public final class MemoryBlock {
    static final String HEADING =
            "What you remember about this user (from earlier conversations; the newest facts replace older ones):";

    private MemoryBlock() {}

    /** The block for {@code facts}, or the empty string when there are none (no heading without facts). */
    public static String render(List<RecalledFact> facts) {
        StringBuilder block = new StringBuilder();
        for (RecalledFact fact : facts) {
            // One fact a line: a fact's own line breaks must not start lines that read as instructions.
            String line = fact.text().replaceAll("\\s+", " ").strip();
            if (!line.isEmpty()) {
                block.append("\n- ").append(line);
            }
        }
        return block.isEmpty() ? "" : HEADING + block;
    }

    /** {@code prompt} followed by the block of {@code facts} (a blank line between), or {@code prompt} alone. */
    public static String appendTo(String prompt, List<RecalledFact> facts) {
        String block = render(facts);
        if (block.isEmpty()) {
            return prompt;
        }
        return prompt.isBlank() ? block : prompt.stripTrailing() + "\n\n" + block;
    }
}
