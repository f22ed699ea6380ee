package dev.stoa.identity.domain.model;

/** A credential just revoked: its id and the hash gateways know its secret by. */
public record RevokedCredential(String id, String secretHash) {}
