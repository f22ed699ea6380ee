@NullMarked
package dev.stoa.launcher;

import org.jspecify.annotations.NullMarked;
