@NullMarked
package dev.stoa.eval.config;

import org.jspecify.annotations.NullMarked;
