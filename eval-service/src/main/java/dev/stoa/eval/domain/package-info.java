@NullMarked
package dev.stoa.eval.domain;

import org.jspecify.annotations.NullMarked;
