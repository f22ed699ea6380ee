@NullMarked
package dev.stoa.memory.agent;

import org.jspecify.annotations.NullMarked;
