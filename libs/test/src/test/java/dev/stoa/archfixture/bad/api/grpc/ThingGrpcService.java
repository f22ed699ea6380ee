package dev.stoa.archfixture.bad.api.grpc;

import org.jooq.DSLContext;

/** Speaks SQL from a transport. */
public final class ThingGrpcService {
    private DSLContext dsl;
}
