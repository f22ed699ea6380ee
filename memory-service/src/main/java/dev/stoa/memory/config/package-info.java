@NullMarked
package dev.stoa.memory.config;

import org.jspecify.annotations.NullMarked;
