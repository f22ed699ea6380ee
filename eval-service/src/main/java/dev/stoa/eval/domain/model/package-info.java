@NullMarked
package dev.stoa.eval.domain.model;

import org.jspecify.annotations.NullMarked;
