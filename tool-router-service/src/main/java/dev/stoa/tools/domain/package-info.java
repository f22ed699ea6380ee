@NullMarked
package dev.stoa.tools.domain;

import org.jspecify.annotations.NullMarked;
