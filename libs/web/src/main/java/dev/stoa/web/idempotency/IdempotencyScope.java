package dev.stoa.web.idempotency;

/** Whose key it is: the same key sent by two principals (or two orgs) names two different requests. */
public record IdempotencyScope(String orgId, String subject, String key) {}
