@NullMarked
package dev.stoa.chat.domain;

import org.jspecify.annotations.NullMarked;
