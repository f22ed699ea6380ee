@NullMarked
package dev.stoa.eval.store;

import org.jspecify.annotations.NullMarked;
