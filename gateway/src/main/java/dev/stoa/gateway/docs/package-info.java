/** The aggregated OpenAPI document and the pages that render it. */
@NullMarked
package dev.stoa.gateway.docs;

import org.jspecify.annotations.NullMarked;
