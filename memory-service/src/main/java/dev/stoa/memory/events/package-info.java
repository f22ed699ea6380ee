@NullMarked
package dev.stoa.memory.events;

import org.jspecify.annotations.NullMarked;
