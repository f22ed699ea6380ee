package dev.stoa.grpc.client;

/** This service's own platform token, sent on outgoing calls made on nobody's behalf (jobs, consumers). */
@FunctionalInterface
public interface ServiceTokenProvider {
    /** A currently valid service token. Never log it. */
    String token();
}
