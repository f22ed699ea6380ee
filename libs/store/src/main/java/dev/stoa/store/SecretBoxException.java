package dev.stoa.store;

import dev.stoa.common.error.ErrorKind;
import dev.stoa.common.error.StoaException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A sealed secret that cannot be opened: wrong key, wrong associated data, unknown version or tampered text. */
public final class SecretBoxException extends StoaException {
    public SecretBoxException(String message, @Nullable Throwable cause) {
        super(ErrorKind.INTERNAL, "secret_unreadable", message, false, List.of(), cause);
    }
}
