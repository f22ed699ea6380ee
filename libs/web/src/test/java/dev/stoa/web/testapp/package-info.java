@NullMarked
package dev.stoa.web.testapp;

import org.jspecify.annotations.NullMarked;
