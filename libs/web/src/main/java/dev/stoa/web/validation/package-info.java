/** Bean Validation constraints that also shape the OpenAPI document, so a rule is written once. */
@NullMarked
package dev.stoa.web.validation;

import org.jspecify.annotations.NullMarked;
