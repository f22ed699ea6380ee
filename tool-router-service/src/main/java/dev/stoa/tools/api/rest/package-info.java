@NullMarked
package dev.stoa.tools.api.rest;

import org.jspecify.annotations.NullMarked;
