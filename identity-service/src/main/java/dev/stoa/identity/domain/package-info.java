@NullMarked
package dev.stoa.identity.domain;

import org.jspecify.annotations.NullMarked;
