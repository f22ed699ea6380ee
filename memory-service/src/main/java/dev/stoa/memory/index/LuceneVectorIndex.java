package dev.stoa.memory.index;

import dev.stoa.memory.domain.model.IndexChange;
import dev.stoa.memory.domain.model.IndexHit;
import dev.stoa.memory.domain.port.FactChanges;
import dev.stoa.memory.domain.port.VectorIndex;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.knn.KnnSearchStrategy;
import org.apache.lucene.store.ByteBuffersDirectory;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.IOUtils;
import org.jspecify.annotations.Nullable;

/**
 * This replica's vector index: the currently valid facts of every org in one Lucene HNSW graph (dot product of unit
 * vectors = cosine), filtered by org and scope at query time; Lucene searches exactly instead when the filter leaves
 * few documents, which is what keeps a small scope among many fast. Rebuilt from PostgreSQL at start, kept fresh by
 * reading the facts' changes in change order ({@link #catchUp()}, every second and after this replica's writes).
 *
 * <p>Change numbers are taken before their transaction commits, so a change can become visible after a higher one was
 * read. Each catch-up therefore reads again from where the index stood {@code overlap} ago (skipping changes already
 * applied), so a change committed within {@code overlap} of taking its number is never missed.
 */
public final class LuceneVectorIndex implements VectorIndex, AutoCloseable {
    static final String ID = "id";
    static final String SCOPE = "scope";
    static final String VECTOR = "vector";
    /** Scopes up to this many facts are searched the classic way (see {@link #strategy}). */
    static final int CLASSIC_UP_TO = 10_000;

    private static final KnnSearchStrategy CLASSIC = new KnnSearchStrategy.Hnsw(0);

    private final FactChanges changes;
    private final int batch;
    private final long overlapNanos;
    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final ReentrantLock catchingUp = new ReentrantLock();
    /** When each catch-up of the last {@code overlap} began and what it had read up to (oldest first). */
    private final Deque<Mark> marks = new ArrayDeque<>();
    /** The change number last applied per fact, for the changes read again. */
    private final Map<String, Long> applied = new HashMap<>();

    private long watermark;

    /** @param dir an on-disk directory (emptied first), or null to keep the index on the heap */
    public LuceneVectorIndex(FactChanges changes, @Nullable Path dir, int batch, java.time.Duration overlap) {
        this.changes = changes;
        this.batch = batch;
        this.overlapNanos = overlap.toNanos();
        try {
            if (dir == null) {
                directory = new ByteBuffersDirectory();
            } else {
                Files.createDirectories(dir);
                IOUtils.rm(dir);
                Files.createDirectories(dir);
                directory = FSDirectory.open(dir);
            }
            writer = new IndexWriter(directory, new IndexWriterConfig().setOpenMode(IndexWriterConfig.OpenMode.CREATE));
            searchers = new SearcherManager(writer, null);
        } catch (IOException e) {
            throw new UncheckedIOException("could not open the memory index", e);
        }
    }

    @Override
    public List<IndexHit> search(String orgId, String scopeKey, float[] query, int k) {
        try {
            IndexSearcher searcher = searchers.acquire();
            try {
                TermQuery filter = new TermQuery(new Term(SCOPE, scope(orgId, scopeKey)));
                var top = searcher.search(
                        new KnnFloatVectorQuery(VECTOR, query, k, filter, strategy(searcher.count(filter))), k);
                var stored = searcher.storedFields();
                List<IndexHit> hits = new ArrayList<>(top.scoreDocs.length);
                for (ScoreDoc doc : top.scoreDocs) {
                    // DOT_PRODUCT scores are (1 + cosine) / 2
                    hits.add(new IndexHit(stored.document(doc.doc).get(ID), 2.0 * doc.score - 1.0));
                }
                return hits;
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("memory index search failed", e);
        }
    }

    /**
     * Lucene's default filtered search (ACORN-style, for filters under 60 % of the documents) explores the graph for
     * documents that match; for a scope that holds a tiny share of the index (a user's thousand facts among a million)
     * that exploration can run long (a p95 of 400 ms measured). The classic search stops once it has visited as many
     * documents as the scope holds and then scores the scope exactly: bounded, and a few milliseconds for such scopes.
     */
    static KnnSearchStrategy strategy(int scopeSize) {
        return scopeSize <= CLASSIC_UP_TO ? CLASSIC : KnnSearchStrategy.Hnsw.DEFAULT;
    }

    @Override
    public void catchUp() {
        catchingUp.lock();
        try {
            long start = System.nanoTime();
            // the newest mark at least overlap old is where reading starts (the oldest one while none is that old)
            Mark base = null;
            while (!marks.isEmpty() && start - marks.getFirst().nanos() >= overlapNanos) {
                base = marks.removeFirst();
            }
            if (base != null) {
                marks.addFirst(base);
            }
            // the first catch-up builds the index; later ones never read below where it ends, so it need not remember
            // what it applied (a million facts would be a million map entries)
            boolean building = marks.isEmpty();
            long from = building ? 0 : marks.getFirst().watermark();
            applied.values().removeIf(seq -> seq <= from);
            List<IndexChange> page;
            long after = from;
            do {
                page = changes.after(after, batch);
                for (IndexChange change : page) {
                    apply(change, !building);
                    after = change.seq();
                }
            } while (page.size() == batch);
            watermark = Math.max(watermark, after);
            marks.addLast(new Mark(start, watermark));
            searchers.maybeRefreshBlocking();
        } catch (IOException e) {
            throw new UncheckedIOException("memory index update failed", e);
        } finally {
            catchingUp.unlock();
        }
    }

    private void apply(IndexChange change, boolean remember) throws IOException {
        Long seen = applied.get(change.factId());
        if (seen != null && seen >= change.seq()) {
            return;
        }
        if (remember) {
            applied.put(change.factId(), change.seq());
        }
        Term id = new Term(ID, change.factId());
        float[] vector = change.embedding();
        if (vector == null) {
            writer.deleteDocuments(id);
            return;
        }
        Document doc = new Document();
        doc.add(new StringField(ID, change.factId(), Field.Store.YES));
        doc.add(new StringField(SCOPE, scope(change.orgId(), change.scopeKey()), Field.Store.NO));
        doc.add(new KnnFloatVectorField(VECTOR, vector, VectorSimilarityFunction.DOT_PRODUCT));
        writer.updateDocument(id, doc);
    }

    /** Number of indexed facts (tests, metrics). */
    public int size() {
        return writer.getDocStats().numDocs;
    }

    private static String scope(String orgId, String scopeKey) {
        return orgId + "\u0000" + scopeKey;
    }

    @Override
    public void close() throws IOException {
        IOUtils.close(searchers, writer, directory);
    }

    private record Mark(long nanos, long watermark) {}
}
