package dev.stoa.agent.domain;

import dev.stoa.agent.domain.model.PromptBlock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Assembles prompt blocks into a system prompt and resolves {@code {{variable}}} placeholders. Variable names are
 * identifiers, optionally dotted ({@code {{user.name}}}) to reach into nested context objects. A variable the
 * context lacks stays in the text as written and is reported, never silently replaced by nothing.
 */
public final class PromptTemplates {
    /** Blocks are joined with a blank line between them. */
    public static final String SEPARATOR = "\n\n";

    private static final Pattern VARIABLE =
            Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_]*(?:\\.[A-Za-z_][A-Za-z0-9_]*)*)\\s*}}");

    private PromptTemplates() {}

    /** The enabled blocks in order, joined; placeholders are left for the turn to resolve. */
    public static String assemble(List<PromptBlock> blocks) {
        List<String> parts = new ArrayList<>();
        for (PromptBlock block : blocks) {
            if (block.enabled()) {
                parts.add(block.content());
            }
        }
        return String.join(SEPARATOR, parts);
    }

    /** The distinct variable names used in {@code text}, in order of first use. */
    public static List<String> variables(String text) {
        Set<String> names = new LinkedHashSet<>();
        Matcher matcher = VARIABLE.matcher(text);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return List.copyOf(names);
    }

    /**
     * Replaces every placeholder whose variable {@code context} defines. The context is flat: nested values are
     * addressed by their dotted path ({@code user.name}), as the caller flattened them.
     */
    public static Rendered render(String text, Map<String, String> context) {
        Set<String> missing = new LinkedHashSet<>();
        Matcher matcher = VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (matcher.find()) {
            String value = context.get(matcher.group(1));
            if (value == null) {
                missing.add(matcher.group(1));
                matcher.appendReplacement(out, Matcher.quoteReplacement(matcher.group()));
            } else {
                matcher.appendReplacement(out, Matcher.quoteReplacement(value));
            }
        }
        matcher.appendTail(out);
        return new Rendered(out.toString(), List.copyOf(missing));
    }

    /** A rendered prompt and the variables it still contains because the context lacked them. */
    public record Rendered(String text, List<String> missingVariables) {}
}
