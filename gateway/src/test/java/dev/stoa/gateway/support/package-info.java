@NullMarked
package dev.stoa.gateway.support;

import org.jspecify.annotations.NullMarked;
