package dev.stoa.archfixture.good.domain;

import dev.stoa.archfixture.good.domain.port.ThingStore;

/** A use case that reaches storage through its port. */
public final class Things {
    private final ThingStore store;

    public Things(ThingStore store) {
        this.store = store;
    }

    public String name(String id) {
        return store.name(id);
    }
}
