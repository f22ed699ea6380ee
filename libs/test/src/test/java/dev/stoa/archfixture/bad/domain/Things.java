package dev.stoa.archfixture.bad.domain;

import dev.stoa.archfixture.bad.store.ThingStore;
import org.jooq.DSLContext;

/** Imports its store, another service and jOOQ. */
public final class Things {
    private final ThingStore store;
    private final DSLContext dsl;
    private final dev.stoa.archfixture.good.domain.Things other;

    public Things(ThingStore store, DSLContext dsl, dev.stoa.archfixture.good.domain.Things other) {
        this.store = store;
        this.dsl = dsl;
        this.other = other;
    }
}
