/** Cryptographic ports shared by every service's domain. */
@NullMarked
package dev.stoa.common.crypto;

import org.jspecify.annotations.NullMarked;
