package dev.stoa.archfixture.good.api.grpc;

import dev.stoa.archfixture.good.domain.Things;

/** Another transport over the same use case. */
public final class ThingGrpcService {
    private final Things things;

    public ThingGrpcService(Things things) {
        this.things = things;
    }

    public String get(String id) {
        return things.name(id);
    }
}
