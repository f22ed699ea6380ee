package dev.stoa.archfixture.bad.api.rest;

import dev.stoa.archfixture.bad.api.grpc.ThingGrpcService;
import dev.stoa.archfixture.bad.store.ThingStore;

/** Reaches into the store and into the other transport. */
public final class ThingController {
    private ThingStore store;
    private ThingGrpcService grpc;
}
