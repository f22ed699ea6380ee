@NullMarked
package dev.stoa.tools.api.ws;

import org.jspecify.annotations.NullMarked;
