@NullMarked
package dev.stoa.web.error;

import org.jspecify.annotations.NullMarked;
