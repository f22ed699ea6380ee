package dev.stoa.identity.domain.model;

/** A secret shown once together with the record it belongs to. */
public record Revealed<T>(T record, String secret) {}
