@NullMarked
package dev.stoa.common.id;

import org.jspecify.annotations.NullMarked;
