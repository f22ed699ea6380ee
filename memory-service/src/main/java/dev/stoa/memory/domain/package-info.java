@NullMarked
package dev.stoa.memory.domain;

import org.jspecify.annotations.NullMarked;
