@NullMarked
package dev.stoa.monitoring.domain.port;

import org.jspecify.annotations.NullMarked;
