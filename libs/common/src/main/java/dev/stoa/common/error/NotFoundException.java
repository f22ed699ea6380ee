package dev.stoa.common.error;

/** A resource that does not exist, or belongs to another org (the two answer alike). */
public final class NotFoundException extends StoaException {
    public NotFoundException(String resource, String id) {
        super(ErrorKind.NOT_FOUND, "not_found", resource + " " + id + " not found");
    }
}
