@NullMarked
package dev.stoa.monitoring.store;

import org.jspecify.annotations.NullMarked;
