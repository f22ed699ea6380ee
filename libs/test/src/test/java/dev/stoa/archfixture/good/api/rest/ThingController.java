package dev.stoa.archfixture.good.api.rest;

import dev.stoa.archfixture.good.domain.Things;

/** A transport over the use case. */
public final class ThingController {
    private final Things things;

    public ThingController(Things things) {
        this.things = things;
    }

    public String get(String id) {
        return things.name(id);
    }
}
