@NullMarked
package dev.stoa.chat.domain.port;

import org.jspecify.annotations.NullMarked;
