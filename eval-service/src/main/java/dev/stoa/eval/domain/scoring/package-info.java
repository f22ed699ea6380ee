@NullMarked
package dev.stoa.eval.domain.scoring;

import org.jspecify.annotations.NullMarked;
