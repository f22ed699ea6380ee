@NullMarked
package dev.stoa.web.idempotency;

import org.jspecify.annotations.NullMarked;
