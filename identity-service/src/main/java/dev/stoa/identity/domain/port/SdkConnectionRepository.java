package dev.stoa.identity.domain.port;

import dev.stoa.identity.domain.model.SdkConnection;

/** SDK connections of an org. */
public interface SdkConnectionRepository extends SecretCredentialRepository<SdkConnection> {}
