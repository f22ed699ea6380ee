package dev.stoa.monitoring.domain;

import java.time.Duration;

/**
 * Limits of the read side.
 *
 * @param maxRange widest from..to window of tool-call lists, stats and the audit log
 * @param maxCostDays most days a cost query may sum
 */
public record MonitoringSettings(Duration maxRange, int maxCostDays) {}
