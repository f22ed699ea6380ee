@NullMarked
package dev.stoa.tools.store;

import org.jspecify.annotations.NullMarked;
