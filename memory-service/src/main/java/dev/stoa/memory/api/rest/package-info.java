@NullMarked
package dev.stoa.memory.api.rest;

import org.jspecify.annotations.NullMarked;
