package dev.stoa.gateway.auth;

import dev.stoa.common.auth.Principal;
import java.time.Instant;

/** The platform token identity issued for an external credential, and who it says the caller is. */
public record ExchangedCredential(String accessToken, Principal principal, Instant expiresAt) {}
