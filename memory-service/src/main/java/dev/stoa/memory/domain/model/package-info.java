@NullMarked
package dev.stoa.memory.domain.model;

import org.jspecify.annotations.NullMarked;
