package dev.stoa.providers;

import com.anthropic.backends.AnthropicBackend;
import com.anthropic.client.AnthropicClient;
import com.anthropic.client.AnthropicClientImpl;
import com.anthropic.core.ClientOptions;
import com.anthropic.core.ObjectMappers;
import com.anthropic.core.RequestOptions;
import com.anthropic.core.Timeout;
import com.anthropic.errors.AnthropicIoException;
import com.anthropic.errors.AnthropicServiceException;
import com.anthropic.errors.SseException;
import com.anthropic.models.messages.ContentBlock;
import com.anthropic.models.messages.Message;
import com.anthropic.models.messages.MessageCreateParams;
import com.anthropic.models.models.ModelInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.ArrayList;
import java.util.List;

/** Anthropic Messages through the official anthropic-java SDK. */
final class AnthropicProvider extends SdkModelProvider {
    private final ProviderEndpoint endpoint;
    private final Resilience resilience;
    private final AnthropicClient client;
    private final RequestOptions completeOptions;

    AnthropicProvider(ProviderEndpoint endpoint, ProviderSettings settings, Resilience resilience) {
        this.endpoint = endpoint;
        this.resilience = resilience;
        AnthropicBackend backend = AnthropicBackend.builder()
                .apiKey(endpoint.apiKey())
                .baseUrl(endpoint.baseUrl())
                .build();
        // The SDK's own builder would make an OkHttp client that follows redirects and connects anywhere.
        this.client = new AnthropicClientImpl(ClientOptions.builder()
                .httpClient(SdkHttpClients.anthropic(
                        VettedHttp.client(settings.outbound(), OpenAiProvider.timeouts(settings)), backend))
                .baseUrl(endpoint.baseUrl())
                .maxRetries(0) // retries are ours: only before the first token, and counted by the breaker
                .timeout(Timeout.builder()
                        .connect(settings.connectTimeout())
                        .read(settings.streamIdleTimeout())
                        .write(settings.streamIdleTimeout())
                        .request(settings.requestTimeout())
                        .build())
                .build());
        // A whole reply arrives in one piece after generation, so silence is bounded by the request timeout only.
        this.completeOptions = RequestOptions.builder()
                .timeout(Timeout.builder()
                        .connect(settings.connectTimeout())
                        .read(settings.requestTimeout())
                        .write(settings.streamIdleTimeout())
                        .request(settings.requestTimeout())
                        .build())
                .build();
    }

    @Override
    public ChatStream stream(ChatRequest request) {
        return stream(request, true);
    }

    @Override
    @SuppressWarnings(
            "MustBeClosedChecker") // the AnthropicEventSource owns the response and closes it with the ChatStream
    ChatStream stream(ChatRequest request, boolean guarded) {
        MessageCreateParams params = AnthropicRequests.build(request);
        return ChatStream.open(resilience, guarded, () -> {
            try {
                return new AnthropicEventSource(client.messages().createStreaming(params), e -> map(e, true));
            } catch (RuntimeException e) {
                throw map(e, false);
            }
        });
    }

    @Override
    public ChatResult complete(ChatRequest request) {
        MessageCreateParams params = AnthropicRequests.build(request);
        return resilience.call(true, permit -> {
            Message message;
            try {
                message = client.messages().create(params, completeOptions);
            } catch (RuntimeException e) {
                throw map(e, false);
            }
            permit.success();
            return result(message);
        });
    }

    @Override
    List<String> listModels() {
        return resilience.call(false, permit -> {
            try {
                return client.models().list().data().stream().map(ModelInfo::id).toList();
            } catch (RuntimeException e) {
                throw map(e, false);
            }
        });
    }

    private static ChatResult result(Message message) {
        StringBuilder text = new StringBuilder();
        List<ToolCall> calls = new ArrayList<>();
        for (ContentBlock block : message.content()) {
            block.text().ifPresent(t -> text.append(t.text()));
            block.toolUse().ifPresent(tool -> calls.add(new ToolCall(tool.id(), tool.name(), json(tool._input()))));
        }
        ChatEvent.Usage usage = new ChatEvent.Usage(
                message.usage().inputTokens(), message.usage().outputTokens());
        String stop = message.stopReason().map(r -> r.asString()).orElse(null);
        return new ChatResult(text.toString(), calls, usage, Failures.finishReason(stop, !calls.isEmpty()));
    }

    private static String json(Object value) {
        try {
            return ObjectMappers.jsonMapper().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw ProviderException.unavailable("unreadable tool input", e);
        }
    }

    private ProviderException map(RuntimeException e, boolean midStream) {
        if (e instanceof ProviderException p) {
            return p;
        }
        if (e instanceof SseException sse) {
            return ProviderException.unavailable("an error event in the stream", sse);
        }
        if (e instanceof AnthropicServiceException s) {
            return Failures.fromStatus(
                    s.statusCode(),
                    name -> s.headers().values(name).stream().findFirst().orElse(null),
                    s.body().toString(),
                    endpoint.apiKey());
        }
        if (e instanceof AnthropicIoException io) {
            return Failures.fromIo(io, midStream);
        }
        return midStream
                ? ProviderException.streamCut("unreadable reply", e)
                : ProviderException.unavailable("unreadable reply", e);
    }
}
