@NullMarked
package dev.stoa.identity.store;

import org.jspecify.annotations.NullMarked;
