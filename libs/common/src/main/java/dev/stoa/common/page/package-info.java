@NullMarked
package dev.stoa.common.page;

import org.jspecify.annotations.NullMarked;
