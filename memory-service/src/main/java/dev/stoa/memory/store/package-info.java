@NullMarked
package dev.stoa.memory.store;

import org.jspecify.annotations.NullMarked;
