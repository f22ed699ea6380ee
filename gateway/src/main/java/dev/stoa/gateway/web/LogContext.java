package dev.stoa.gateway.web;

import io.micrometer.context.ContextRegistry;
import java.util.List;
import org.slf4j.MDC;
import reactor.core.publisher.Hooks;
import reactor.util.context.Context;

/**
 * Puts a request's ids into the log lines written while it is handled. The gateway is reactive, so a request hops
 * between threads and a thread-local MDC alone would mislabel lines; Reactor's automatic context propagation copies
 * these keys from the subscriber context into the MDC of whichever thread runs each step.
 */
public final class LogContext {
    public static final String REQUEST_ID = "request_id";
    public static final String TRACE_ID = "trace_id";
    public static final String SPAN_ID = "span_id";
    private static final List<String> KEYS = List.of(REQUEST_ID, TRACE_ID, SPAN_ID);

    private LogContext() {}

    /** Registers the keys once per JVM and turns on Reactor's automatic context propagation. */
    public static synchronized void install() {
        ContextRegistry registry = ContextRegistry.getInstance();
        for (String key : KEYS) {
            registry.removeThreadLocalAccessor(key);
            registry.registerThreadLocalAccessor(
                    key, () -> MDC.get(key), value -> MDC.put(key, value), () -> MDC.remove(key));
        }
        Hooks.enableAutomaticContextPropagation();
    }

    /** The subscriber context carrying a request's ids ({@code traceparent} is already validated). */
    public static Context of(String requestId, String traceparent) {
        String[] parts = traceparent.split("-");
        return Context.of(REQUEST_ID, requestId, TRACE_ID, parts[1], SPAN_ID, parts[2]);
    }
}
