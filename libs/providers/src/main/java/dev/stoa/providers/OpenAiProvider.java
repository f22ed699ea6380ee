package dev.stoa.providers;

import com.openai.client.OpenAIClient;
import com.openai.client.OpenAIClientImpl;
import com.openai.core.ClientOptions;
import com.openai.core.RequestOptions;
import com.openai.core.Timeout;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIServiceException;
import com.openai.errors.SseException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionMessageToolCall;
import com.openai.models.models.Model;
import java.util.ArrayList;
import java.util.List;

/** OpenAI Chat Completions (OpenAI itself and compatible servers) through the official openai-java SDK. */
final class OpenAiProvider extends SdkModelProvider {
    private final ProviderEndpoint endpoint;
    private final Resilience resilience;
    private final OpenAIClient client;
    private final RequestOptions completeOptions;

    OpenAiProvider(ProviderEndpoint endpoint, ProviderSettings settings, Resilience resilience) {
        this.endpoint = endpoint;
        this.resilience = resilience;
        Timeout timeout = Timeout.builder()
                .connect(settings.connectTimeout())
                .read(settings.streamIdleTimeout())
                .write(settings.streamIdleTimeout())
                .request(settings.requestTimeout())
                .build();
        // The SDK's own builder would make an OkHttp client that follows redirects and connects anywhere.
        this.client = new OpenAIClientImpl(ClientOptions.builder()
                .httpClient(SdkHttpClients.openAi(VettedHttp.client(settings.outbound(), timeouts(settings))))
                .baseUrl(endpoint.baseUrl())
                // Keyless local servers (Ollama, llama.cpp) ignore the bearer; the SDK insists on one.
                .apiKey(endpoint.apiKey().isEmpty() ? "none" : endpoint.apiKey())
                .maxRetries(0) // retries are ours: only before the first token, and counted by the breaker
                .timeout(timeout)
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
            "MustBeClosedChecker") // the OpenAiEventSource owns the response and closes it with the ChatStream
    ChatStream stream(ChatRequest request, boolean guarded) {
        var params = OpenAiRequests.build(request, endpoint.kind(), true);
        return ChatStream.open(resilience, guarded, () -> {
            try {
                return new OpenAiEventSource(client.chat().completions().createStreaming(params), e -> map(e, true));
            } catch (RuntimeException e) {
                throw map(e, false);
            }
        });
    }

    @Override
    public ChatResult complete(ChatRequest request) {
        var params = OpenAiRequests.build(request, endpoint.kind(), false);
        return resilience.call(true, permit -> {
            ChatCompletion completion;
            try {
                completion = client.chat().completions().create(params, completeOptions);
            } catch (RuntimeException e) {
                throw map(e, false);
            }
            permit.success();
            return result(completion);
        });
    }

    @Override
    List<String> listModels() {
        return resilience.call(false, permit -> {
            try {
                return client.models().list().data().stream().map(Model::id).toList();
            } catch (RuntimeException e) {
                throw map(e, false);
            }
        });
    }

    private static ChatResult result(ChatCompletion completion) {
        StringBuilder text = new StringBuilder();
        List<ToolCall> calls = new ArrayList<>();
        String finish = null;
        for (ChatCompletion.Choice choice : completion.choices()) {
            choice.message().content().ifPresent(text::append);
            for (ChatCompletionMessageToolCall call :
                    choice.message().toolCalls().orElse(List.of())) {
                call.function()
                        .ifPresent(f -> calls.add(new ToolCall(
                                f.id(), f.function().name(), f.function().arguments())));
            }
            finish = choice.finishReason().asString();
        }
        ChatEvent.Usage usage = completion
                .usage()
                .map(u -> new ChatEvent.Usage(u.promptTokens(), u.completionTokens()))
                .orElse(new ChatEvent.Usage(0, 0));
        return new ChatResult(text.toString(), calls, usage, Failures.finishReason(finish, !calls.isEmpty()));
    }

    private ProviderException map(RuntimeException e, boolean midStream) {
        if (e instanceof ProviderException p) {
            return p;
        }
        if (e instanceof SseException sse) {
            return ProviderException.unavailable("an error event in the stream", sse);
        }
        if (e instanceof OpenAIServiceException s) {
            return Failures.fromStatus(
                    s.statusCode(),
                    name -> s.headers().values(name).stream().findFirst().orElse(null),
                    s.body().toString(),
                    endpoint.apiKey());
        }
        if (e instanceof OpenAIIoException io) {
            return Failures.fromIo(io, midStream);
        }
        return midStream
                ? ProviderException.streamCut("unreadable reply", e)
                : ProviderException.unavailable("unreadable reply", e);
    }

    /** The OkHttp client's own bounds, as the SDK's builder would set them from the same settings. */
    static VettedHttp.Timeouts timeouts(ProviderSettings settings) {
        return new VettedHttp.Timeouts(
                settings.connectTimeout(),
                settings.streamIdleTimeout(),
                settings.streamIdleTimeout(),
                settings.requestTimeout());
    }
}
