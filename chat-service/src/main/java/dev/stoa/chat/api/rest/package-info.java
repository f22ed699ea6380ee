@NullMarked
package dev.stoa.chat.api.rest;

import org.jspecify.annotations.NullMarked;
