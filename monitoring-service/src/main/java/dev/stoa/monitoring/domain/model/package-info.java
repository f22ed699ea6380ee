@NullMarked
package dev.stoa.monitoring.domain.model;

import org.jspecify.annotations.NullMarked;
