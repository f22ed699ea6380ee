package dev.stoa.web.input;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.TokenStreamContext;

/** The path of a place in a JSON body as problems name fields: {@code members[2].role}, or {@code body}. */
final class BodyPaths {
    static final String ROOT = "body";

    private BodyPaths() {}

    /**
     * @param context where the parser is
     * @param withEntry whether to name the context's current entry (a value) or only the container itself
     */
    static String of(TokenStreamContext context, boolean withEntry) {
        List<TokenStreamContext> chain = new ArrayList<>();
        for (TokenStreamContext c = withEntry ? context : context.getParent(); c != null; c = c.getParent()) {
            chain.addFirst(c);
        }
        StringBuilder path = new StringBuilder();
        for (TokenStreamContext c : chain) {
            if (c.inObject() && c.currentName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(c.currentName());
            } else if (c.inArray() && c.hasCurrentIndex()) {
                path.append('[').append(c.getCurrentIndex()).append(']');
            }
        }
        return path.isEmpty() ? ROOT : path.toString();
    }
}
