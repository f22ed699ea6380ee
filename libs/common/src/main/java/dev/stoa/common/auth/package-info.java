@NullMarked
package dev.stoa.common.auth;

import org.jspecify.annotations.NullMarked;
