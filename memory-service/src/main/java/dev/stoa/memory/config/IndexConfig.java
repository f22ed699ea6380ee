package dev.stoa.memory.config;

import dev.stoa.embeddings.SentenceEmbeddings;
import dev.stoa.memory.domain.Forgetting;
import dev.stoa.memory.domain.port.FactChanges;
import dev.stoa.memory.index.LuceneVectorIndex;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The vector index of this replica, built from PostgreSQL before the listeners and the gRPC server start, then
 * caught up every {@code stoa.memory.index-poll}; and the retention purge every {@code stoa.memory.retention-every}.
 */
@Configuration(proxyBeanMethods = false)
public class IndexConfig {
    private static final Logger log = LoggerFactory.getLogger(IndexConfig.class);
    /**
     * After the migrations (libs/store's ResilientMigrations, MIN_VALUE + 1000), before the Kafka listener containers
     * and the gRPC server (default phase).
     */
    private static final int PHASE = Integer.MIN_VALUE + 2000;

    @Bean(destroyMethod = "close")
    LuceneVectorIndex vectorIndex(FactChanges changes, MemoryProperties properties) {
        return new LuceneVectorIndex(
                changes, properties.indexDir(), properties.indexBatch(), properties.indexOverlap());
    }

    @Bean
    SmartLifecycle memoryJobs(
            LuceneVectorIndex index,
            Forgetting forgetting,
            SentenceEmbeddings embeddings,
            MemoryProperties properties) {
        return new SmartLifecycle() {
            private volatile @Nullable ScheduledExecutorService executor;

            @Override
            public void start() {
                // the sentence model loads on first use (about a second): not on the first recall, which chat
                // waits for only briefly
                Thread.ofVirtual().name("memory-embeddings-warm-up").start(() -> embeddings.embed("warm up"));
                long started = System.nanoTime();
                // with PostgreSQL away (the migrations still waiting for it) the first catch-up of the poll builds it
                run("index build", index::catchUp);
                log.info(
                        "memory index built: {} facts in {} ms",
                        index.size(),
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
                ScheduledExecutorService jobs = Executors.newScheduledThreadPool(
                        2, Thread.ofPlatform().name("memory-jobs-", 0).daemon().factory());
                long poll = properties.indexPoll().toMillis();
                jobs.scheduleWithFixedDelay(
                        () -> run("index catch-up", index::catchUp), poll, poll, TimeUnit.MILLISECONDS);
                long every = properties.retentionEvery().toMillis();
                jobs.scheduleWithFixedDelay(
                        () -> run("retention", () -> forgetting.purgeExpired(1_000)),
                        Math.min(every, TimeUnit.MINUTES.toMillis(1)),
                        every,
                        TimeUnit.MILLISECONDS);
                executor = jobs;
            }

            @Override
            public void stop() {
                ScheduledExecutorService running = executor;
                if (running != null) {
                    running.shutdownNow();
                }
                executor = null;
            }

            @Override
            public boolean isRunning() {
                return executor != null;
            }

            @Override
            public int getPhase() {
                return PHASE;
            }
        };
    }

    private static void run(String job, Runnable work) {
        try {
            work.run();
        } catch (RuntimeException e) {
            log.warn("memory {} failed; the next run retries: {}", job, e.toString());
        }
    }
}
