package dev.stoa.identity.domain;

import dev.stoa.common.auth.Principal;
import dev.stoa.common.auth.Role;
import dev.stoa.common.error.ConflictException;
import dev.stoa.common.error.InvalidInputException;
import dev.stoa.common.error.NotFoundException;
import dev.stoa.identity.domain.model.Org;
import dev.stoa.identity.domain.port.IdentityEvents;
import dev.stoa.identity.domain.port.OrgRepository;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/** The caller's org: anyone in it may read it, admins may change it. */
@Service
public final class OrgService {
    private final OrgRepository orgs;
    private final IdentityEvents events;
    private final TransactionTemplate transactions;
    private final Clock clock;

    public OrgService(OrgRepository orgs, IdentityEvents events, TransactionTemplate transactions, Clock clock) {
        this.orgs = orgs;
        this.events = events;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** Any org for a platform service; for anyone else only their own (another tenant's answers like a missing one). */
    public Org lookup(Principal caller, String orgId) {
        if (!caller.isService() && !caller.orgId().equals(orgId)) {
            throw new NotFoundException("org", orgId);
        }
        return orgs.find(orgId).orElseThrow(() -> new NotFoundException("org", orgId));
    }

    public Org get(Principal principal) {
        principal.requireScope("org:read");
        return orgs.find(principal.orgId()).orElseThrow(() -> new NotFoundException("org", principal.orgId()));
    }

    /** Changes the given fields; {@code settings} is a JSON object already validated by the caller. */
    public Org update(Principal principal, @Nullable String name, @Nullable String slug, @Nullable String settings) {
        principal.requireScope("org:write");
        principal.requireRole(Role.ADMIN);
        if (slug != null && !Slugs.VALID.matcher(slug).matches()) {
            throw new InvalidInputException("slug", "must be 2-63 lower-case letters, digits or dashes");
        }
        return transactions.execute(status -> {
            if (!orgs.update(principal.orgId(), name, slug, settings, OffsetDateTime.now(clock))) {
                throw new ConflictException("slug_taken", "another org uses this slug");
            }
            Map<String, String> changed = new LinkedHashMap<>();
            if (name != null) {
                changed.put("name", name);
            }
            if (slug != null) {
                changed.put("slug", slug);
            }
            if (settings != null) {
                changed.put("settings", "changed");
            }
            events.audit(principal.orgId(), principal, null, "org.updated", "org", principal.orgId(), changed);
            return orgs.find(principal.orgId()).orElseThrow();
        });
    }
}
