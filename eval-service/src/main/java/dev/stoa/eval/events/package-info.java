@NullMarked
package dev.stoa.eval.events;

import org.jspecify.annotations.NullMarked;
