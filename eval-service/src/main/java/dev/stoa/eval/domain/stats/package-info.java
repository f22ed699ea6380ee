@NullMarked
package dev.stoa.eval.domain.stats;

import org.jspecify.annotations.NullMarked;
