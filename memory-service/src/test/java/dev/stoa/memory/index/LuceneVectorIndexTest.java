package dev.stoa.memory.index;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stoa.memory.domain.model.IndexChange;
import dev.stoa.memory.domain.model.IndexHit;
import dev.stoa.memory.domain.port.FactChanges;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The per-replica index on a feed of changes: exact nearest facts per scope among many scopes, superseded and deleted
 * facts dropped, changes that become visible late still applied. Latency is printed for orientation only (the
 * benchmark is under bench/).
 */
class LuceneVectorIndexTest {
    private static final int DIMS = 384;

    /** A change feed in memory; {@code visible} lets a test hide changes as an uncommitted transaction would. */
    private static final class Feed implements FactChanges {
        final List<IndexChange> changes = new ArrayList<>();
        long seq;

        void put(String org, String id, String scope, float[] vector) {
            changes.add(new IndexChange(++seq, org, id, scope, vector));
        }

        void drop(String org, String id) {
            changes.add(new IndexChange(++seq, org, id, "", null));
        }

        @Override
        public List<IndexChange> after(long after, int limit) {
            return changes.stream()
                    .filter(c -> c.seq() > after)
                    .sorted((a, b) -> Long.compare(a.seq(), b.seq()))
                    .limit(limit)
                    .toList();
        }

        @Override
        public int purgeExpired(OffsetDateTime now, int limit) {
            return 0;
        }
    }

    @Test
    void findsTheNearestFactsOfOneScopeAmongManyQuickly() throws Exception {
        Random random = new Random(42);
        Feed feed = new Feed();
        int scopes = 200;
        int perScope = 50;
        float[][][] vectors = new float[scopes][perScope][];
        for (int s = 0; s < scopes; s++) {
            for (int f = 0; f < perScope; f++) {
                vectors[s][f] = unit(random);
                feed.put(s % 2 == 0 ? "org_a" : "org_b", "fct_" + s + "_" + f, "scope" + s, vectors[s][f]);
            }
        }
        try (LuceneVectorIndex index = new LuceneVectorIndex(feed, null, 500, Duration.ofSeconds(10))) {
            index.catchUp();
            assertThat(index.size()).isEqualTo(scopes * perScope);

            long[] nanos = new long[200];
            for (int q = 0; q < nanos.length; q++) {
                int s = random.nextInt(scopes);
                int target = random.nextInt(perScope);
                float[] query = noisy(vectors[s][target], random);
                long start = System.nanoTime();
                List<IndexHit> hits = index.search(s % 2 == 0 ? "org_a" : "org_b", "scope" + s, query, 5);
                nanos[q] = System.nanoTime() - start;
                assertThat(hits).hasSize(5);
                assertThat(hits.getFirst().factId()).isEqualTo("fct_" + s + "_" + target);
                assertThat(hits).allSatisfy(h -> assertThat(h.factId()).startsWith("fct_" + s + "_"));
                assertThat(hits.getFirst().cosine()).isGreaterThan(0.9);
            }
            Arrays.sort(nanos);
            System.out.printf(
                    "memory index: %d facts, %d scopes, search p50 %.2f ms, p95 %.2f ms%n",
                    scopes * perScope, scopes, nanos[100] / 1e6, nanos[189] / 1e6);
            // a wrong org never matches, whatever the scope key
            assertThat(index.search("org_b", "scope0", vectors[0][0], 5)).isEmpty();
        }
    }

    @Test
    void dropsSupersededFactsAndAppliesChangesThatBecomeVisibleLate() throws Exception {
        Random random = new Random(7);
        Feed feed = new Feed();
        float[] a = unit(random);
        float[] b = unit(random);
        feed.put("org", "fct_a", "s", a);
        try (LuceneVectorIndex index = new LuceneVectorIndex(feed, null, 10, Duration.ofSeconds(30))) {
            index.catchUp();

            // change 3 is read while change 2 (a transaction that took its number first) is not committed yet
            IndexChange late = new IndexChange(++feed.seq, "org", "fct_b", "s", b);
            feed.put("org", "fct_c", "s", unit(random));
            index.catchUp();
            feed.changes.add(late);
            index.catchUp();
            assertThat(index.search("org", "s", b, 1).getFirst().factId()).isEqualTo("fct_b");

            feed.drop("org", "fct_a");
            index.catchUp();
            assertThat(index.search("org", "s", a, 5))
                    .extracting(IndexHit::factId)
                    .doesNotContain("fct_a");
            assertThat(index.size()).isEqualTo(2);
        }
    }

    private static float[] unit(Random random) {
        float[] v = new float[DIMS];
        double norm = 0;
        for (int i = 0; i < DIMS; i++) {
            v[i] = (float) random.nextGaussian();
            norm += v[i] * v[i];
        }
        for (int i = 0; i < DIMS; i++) {
            v[i] /= (float) Math.sqrt(norm);
        }
        return v;
    }

    private static float[] noisy(float[] v, Random random) {
        float[] out = v.clone();
        double norm = 0;
        for (int i = 0; i < out.length; i++) {
            out[i] += (float) (random.nextGaussian() * 0.01);
            norm += out[i] * out[i];
        }
        for (int i = 0; i < out.length; i++) {
            out[i] /= (float) Math.sqrt(norm);
        }
        return out;
    }
}
