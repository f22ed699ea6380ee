package dev.stoa.eval.config;

import dev.stoa.eval.domain.QualityService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Purges kept turns past {@code stoa.eval.quality.retention} (they hold user content). */
@Component
public final class QualityRetentionJob {
    private static final Logger log = LoggerFactory.getLogger(QualityRetentionJob.class);

    private final QualityService quality;
    private final EvalProperties properties;

    public QualityRetentionJob(QualityService quality, EvalProperties properties) {
        this.quality = quality;
        this.properties = properties;
    }

    @Scheduled(
            fixedDelayString = "${stoa.eval.quality.purge-interval:1h}",
            initialDelayString = "${stoa.eval.quality.purge-interval:1h}")
    public void purge() {
        int purged = quality.purge(properties.quality().retention());
        if (purged > 0) {
            log.info("purged {} kept turns past retention", purged);
        }
    }
}
