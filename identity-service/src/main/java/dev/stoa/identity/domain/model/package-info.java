/** The domain's value types: records and enums with no behaviour beyond their own invariants. */
@NullMarked
package dev.stoa.identity.domain.model;

import org.jspecify.annotations.NullMarked;
