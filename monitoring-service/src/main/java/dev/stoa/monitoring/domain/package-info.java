@NullMarked
package dev.stoa.monitoring.domain;

import org.jspecify.annotations.NullMarked;
