@NullMarked
package dev.stoa.eval.api.rest;

import org.jspecify.annotations.NullMarked;
