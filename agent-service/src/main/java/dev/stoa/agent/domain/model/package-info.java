/** The domain's value types: records and enums with no behaviour beyond their own invariants. */
@NullMarked
package dev.stoa.agent.domain.model;

import org.jspecify.annotations.NullMarked;
