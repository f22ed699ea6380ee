@NullMarked
package dev.stoa.web.security;

import org.jspecify.annotations.NullMarked;
