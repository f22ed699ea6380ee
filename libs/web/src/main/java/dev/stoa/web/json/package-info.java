@NullMarked
package dev.stoa.web.json;

import org.jspecify.annotations.NullMarked;
