@NullMarked
package dev.stoa.tools.events;

import org.jspecify.annotations.NullMarked;
