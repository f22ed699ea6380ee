@NullMarked
package dev.stoa.eval.domain.port;

import org.jspecify.annotations.NullMarked;
