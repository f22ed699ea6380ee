@NullMarked
package dev.stoa.memory.index;

import org.jspecify.annotations.NullMarked;
