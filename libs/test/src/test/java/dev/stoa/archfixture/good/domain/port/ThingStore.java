package dev.stoa.archfixture.good.domain.port;

/** The port the domain declares. */
public interface ThingStore {
    String name(String id);
}
