package dev.stoa.archfixture.bad.store;

import dev.stoa.archfixture.bad.api.rest.ThingController;
import dev.stoa.archfixture.bad.domain.Things;

/** Imports the domain back (a cycle) and a transport. */
public final class ThingStore {
    private Things things;
    private ThingController controller;
}
