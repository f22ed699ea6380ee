@NullMarked
package dev.stoa.chat.domain.model;

import org.jspecify.annotations.NullMarked;
