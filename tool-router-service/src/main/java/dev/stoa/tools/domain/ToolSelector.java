package dev.stoa.tools.domain;

import dev.stoa.tools.domain.model.SelectedTool;
import dev.stoa.tools.domain.model.Tool;
import dev.stoa.tools.domain.port.TextEmbeddings;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Smart selection: ranks an agent's allowed tools by the cosine similarity of the query with each tool's name,
 * description and tags, and keeps the top k plus the always-included ones. A tool's embedding is computed once per
 * version (a hash of its description and schema) and kept.
 */
@Component
public final class ToolSelector {
    static final int CACHE_SIZE = 20_000;

    private final TextEmbeddings embeddings;
    private final Map<String, float[]> byVersion = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
            return size() > CACHE_SIZE;
        }
    };

    public ToolSelector(TextEmbeddings embeddings) {
        this.embeddings = embeddings;
    }

    /**
     * Every allowed tool with its score, best first; the picked ones (always-included, then the top k others) have
     * reason {@code always_included} or {@code selected}, the rest {@code not_selected}.
     */
    List<SelectedTool> rank(List<SelectedTool> allowed, String query, int topK) {
        float[] q = embeddings.embed(query);
        List<SelectedTool> scored = new ArrayList<>();
        for (SelectedTool t : allowed) {
            scored.add(t.ranked(dot(q, vector(t.tool())), t.reason()));
        }
        scored.sort(Comparator.comparingDouble(SelectedTool::score).reversed());
        List<SelectedTool> out = new ArrayList<>();
        int picked = 0;
        for (SelectedTool t : scored) {
            String reason;
            if (AgentTools.REASON_ALWAYS.equals(t.reason())) {
                reason = AgentTools.REASON_ALWAYS;
            } else if (picked < topK) {
                reason = AgentTools.REASON_SELECTED;
                picked++;
            } else {
                reason = AgentTools.REASON_NOT_SELECTED;
            }
            out.add(t.ranked(t.score(), reason));
        }
        return out;
    }

    private float[] vector(Tool tool) {
        String key = tool.id() + "@" + tool.version();
        synchronized (byVersion) {
            float[] cached = byVersion.get(key);
            if (cached != null) {
                return cached;
            }
        }
        float[] computed = embeddings.embed(text(tool));
        synchronized (byVersion) {
            byVersion.put(key, computed);
        }
        return computed;
    }

    /** What a tool is about, in words. */
    static String text(Tool tool) {
        String name = tool.name().replace('_', ' ').replace('-', ' ');
        String tags = tool.definition().tags().isEmpty()
                ? ""
                : " (" + String.join(", ", tool.definition().tags()) + ")";
        return name + ": " + tool.definition().description() + tags;
    }

    private static double dot(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
