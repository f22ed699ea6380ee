@NullMarked
package dev.stoa.common.error;

import org.jspecify.annotations.NullMarked;
