package dev.stoa.grpc.client;

import io.grpc.CallOptions;

/** Per-call options understood by Stoa's client interceptor ({@code stub.withOption(KEY, true)}). */
public final class StoaCallOptions {
    /**
     * Send this service's own service token even when a caller's token could be propagated, e.g. the gateway
     * exchanging a credential on its own behalf.
     */
    public static final CallOptions.Key<Boolean> SERVICE_TOKEN_ONLY =
            CallOptions.Key.createWithDefault("stoa-service-token-only", false);

    /** Send no token at all (calls to public methods such as IssueServiceToken). */
    public static final CallOptions.Key<Boolean> NO_TOKEN = CallOptions.Key.createWithDefault("stoa-no-token", false);

    private StoaCallOptions() {}
}
