@NullMarked
package dev.stoa.identity.api.rest;

import org.jspecify.annotations.NullMarked;
