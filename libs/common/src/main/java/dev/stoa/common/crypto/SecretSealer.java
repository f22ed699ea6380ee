package dev.stoa.common.crypto;

import java.nio.charset.StandardCharsets;

/**
 * Seals secrets at rest (provider keys, signing keys, SDK secrets): the port a service's domain uses, so it never
 * touches the storage library that implements it ({@code dev.stoa.store.SecretBox}). {@code associatedData} names
 * the record a value belongs to (e.g. {@code org_id|record_id}); a value moved to another record does not open.
 */
public interface SecretSealer {

    /** Encrypts {@code plaintext} for the record named by {@code associatedData}. */
    String seal(byte[] plaintext, String associatedData);

    /** Decrypts a value sealed for the same {@code associatedData}; fails when it was sealed for another. */
    byte[] open(String sealed, String associatedData);

    default String sealString(String plaintext, String associatedData) {
        return seal(plaintext.getBytes(StandardCharsets.UTF_8), associatedData);
    }

    default String openString(String sealed, String associatedData) {
        return new String(open(sealed, associatedData), StandardCharsets.UTF_8);
    }
}
