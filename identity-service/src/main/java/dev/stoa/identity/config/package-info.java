@NullMarked
package dev.stoa.identity.config;

import org.jspecify.annotations.NullMarked;
