package dev.stoa.monitoring.domain.model;

/** A due delivery a worker leased: its org and id. */
public record ClaimedDelivery(String orgId, String id) {}
