@NullMarked
package dev.stoa.tools.domain.model;

import org.jspecify.annotations.NullMarked;
