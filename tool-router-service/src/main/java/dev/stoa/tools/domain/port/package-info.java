@NullMarked
package dev.stoa.tools.domain.port;

import org.jspecify.annotations.NullMarked;
