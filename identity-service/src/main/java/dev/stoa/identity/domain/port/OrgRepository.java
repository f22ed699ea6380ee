package dev.stoa.identity.domain.port;

import dev.stoa.identity.domain.model.Org;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** Orgs (tenants). */
public interface OrgRepository {
    /** Inserts an org; returns false when the slug is taken. */
    boolean insert(Org org);

    Optional<Org> find(String orgId);

    /** Applies the non-null changes; returns false when the new slug is taken. */
    boolean update(
            String orgId, @Nullable String name, @Nullable String slug, @Nullable String settings, OffsetDateTime now);
}
