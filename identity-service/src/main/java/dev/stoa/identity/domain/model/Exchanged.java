package dev.stoa.identity.domain.model;

import dev.stoa.common.auth.Principal;

/** A platform token for an exchanged credential and the principal it describes. */
public record Exchanged(IssuedToken token, Principal principal) {}
