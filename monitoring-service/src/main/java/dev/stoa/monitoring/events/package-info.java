@NullMarked
package dev.stoa.monitoring.events;

import org.jspecify.annotations.NullMarked;
