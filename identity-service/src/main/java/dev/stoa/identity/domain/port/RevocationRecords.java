package dev.stoa.identity.domain.port;

import dev.stoa.identity.domain.model.Revocation;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** identity's own record of revoked credentials, across every org (for service callers rebuilding their lists). */
public interface RevocationRecords {

    /**
     * Up to {@code limit} revocations whose tokens may still be alive (a session's for {@code sessionTtl} after its
     * revocation, an API key's or SDK connection's for {@code exchangedTtl}), ordered by (revoked at, id), after the
     * given position ({@code afterAt} null: from the start).
     */
    List<Revocation> alive(
            Duration sessionTtl,
            Duration exchangedTtl,
            @Nullable OffsetDateTime afterAt,
            @Nullable String afterId,
            int limit);
}
