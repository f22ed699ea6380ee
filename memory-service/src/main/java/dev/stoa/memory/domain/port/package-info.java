@NullMarked
package dev.stoa.memory.domain.port;

import org.jspecify.annotations.NullMarked;
