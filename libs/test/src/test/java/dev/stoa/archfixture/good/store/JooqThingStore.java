package dev.stoa.archfixture.good.store;

import dev.stoa.archfixture.good.domain.port.ThingStore;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

/** The adapter: the only place that speaks SQL. */
public final class JooqThingStore implements ThingStore {
    private final DSLContext dsl;

    public JooqThingStore(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public String name(String id) {
        return dsl.select(DSL.field("name", String.class)).fetchOne(0, String.class);
    }
}
