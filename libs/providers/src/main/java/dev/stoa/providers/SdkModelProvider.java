package dev.stoa.providers;

import java.util.List;

/** What the SDK-backed providers share: the capability probe, built on listing models and a one-token stream. */
abstract class SdkModelProvider implements ModelProvider {

    @Override
    public final ProbeResult probe() {
        long start = System.nanoTime();
        List<String> models = listModels();
        return new ProbeResult(true, models, (System.nanoTime() - start) / 1_000_000);
    }

    @Override
    public final ProbeResult probe(String model) {
        long start = System.nanoTime();
        List<String> models = listModels();
        boolean streamed = Probes.streamsOneToken(() -> stream(Probes.oneToken(model), false));
        return new ProbeResult(streamed, models, (System.nanoTime() - start) / 1_000_000);
    }

    /** The model ids the key may use (a call that fails loudly on a bad key or host). */
    abstract List<String> listModels();

    /** A stream; {@code guarded} = through the circuit breaker (probes bypass it). */
    abstract ChatStream stream(ChatRequest request, boolean guarded);
}
