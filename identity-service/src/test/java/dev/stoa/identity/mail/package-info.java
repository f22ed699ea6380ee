@NullMarked
package dev.stoa.identity.mail;

import org.jspecify.annotations.NullMarked;
