@NullMarked
package dev.stoa.monitoring.config;

import org.jspecify.annotations.NullMarked;
