package dev.stoa.store;

import dev.stoa.common.error.ErrorKind;
import dev.stoa.common.error.StoaException;

/** No encryption key is configured, so secrets can be neither sealed nor opened (fail closed). */
public final class SecretBoxUnavailableException extends StoaException {
    public SecretBoxUnavailableException() {
        super(ErrorKind.UNAVAILABLE, "secrets_unavailable", "secret encryption is not configured");
    }
}
