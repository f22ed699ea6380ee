package dev.stoa.monitoring.domain.model;

/** How the ledger is summed: per UTC day, per agent or per model. */
public enum CostGrouping {
    DAY,
    AGENT,
    MODEL
}
