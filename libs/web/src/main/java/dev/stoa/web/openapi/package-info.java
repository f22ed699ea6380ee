@NullMarked
package dev.stoa.web.openapi;

import org.jspecify.annotations.NullMarked;
