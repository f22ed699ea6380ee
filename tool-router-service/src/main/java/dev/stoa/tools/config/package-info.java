@NullMarked
package dev.stoa.tools.config;

import org.jspecify.annotations.NullMarked;
