package dev.stoa.monitoring.domain.port;

import dev.stoa.common.page.Page;
import dev.stoa.common.page.PageRequest;
import dev.stoa.monitoring.domain.model.SafetyAlert;
import dev.stoa.monitoring.domain.model.SafetyAlertFilter;
import dev.stoa.monitoring.domain.model.SafetyStats;

/** The safety alerts of every org, newest first. */
public interface SafetyAlertRepository {

    /** Stores the alert of event {@code eventId}; false (and nothing stored) when that event was seen before. */
    boolean record(String eventId, SafetyAlert alert);

    Page<SafetyAlert> list(String orgId, SafetyAlertFilter filter, PageRequest page);

    SafetyStats stats(String orgId, SafetyAlertFilter filter);
}
