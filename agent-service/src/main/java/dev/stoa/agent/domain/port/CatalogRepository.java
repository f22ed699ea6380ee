package dev.stoa.agent.domain.port;

import dev.stoa.agent.domain.model.CatalogModel;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/** The models an org defines in its catalog (beside the built-in ones). */
public interface CatalogRepository {
    /** The most models an org may define; {@link #list} returns at most this many. */
    int MAX_ENTRIES = 500;

    /** Inserts an entry; returns false when the org already defines this provider kind + model. */
    boolean insert(String orgId, CatalogModel model, String createdBy, OffsetDateTime now);

    List<CatalogModel> list(String orgId);

    int count(String orgId);

    Optional<CatalogModel> find(String orgId, String providerKind, String model);

    boolean delete(String orgId, String id);
}
