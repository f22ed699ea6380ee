@NullMarked
package dev.stoa.web.input;

import org.jspecify.annotations.NullMarked;
