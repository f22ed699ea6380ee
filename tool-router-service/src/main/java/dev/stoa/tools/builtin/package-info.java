/** Built-in tools: tools the router runs itself (source {@code builtin}), behind the domain's BuiltinTool port. */
@NullMarked
package dev.stoa.tools.builtin;

import org.jspecify.annotations.NullMarked;
