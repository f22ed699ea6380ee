package dev.stoa.providers;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import okhttp3.OkHttpClient;

/**
 * The OpenAI and Anthropic SDKs' own HTTP adapters (request and response mapping, streaming, the Anthropic backend's
 * auth) over an OkHttp client of ours ({@link VettedHttp}). The SDKs build their OkHttp client themselves and offer no
 * hook for a resolver, a socket factory or redirects, but their adapters wrap any {@code okhttp3.OkHttpClient}
 * through a private constructor; we call it rather than copy the adapters. {@code ProvidersIT} and
 * {@code OutboundVettingIT} fail if an SDK upgrade changes it.
 */
final class SdkHttpClients {
    private SdkHttpClients() {}

    static com.openai.core.http.HttpClient openAi(OkHttpClient http) {
        return construct(com.openai.client.okhttp.OkHttpClient.class, new Class<?>[] {OkHttpClient.class}, http);
    }

    static com.anthropic.core.http.HttpClient anthropic(OkHttpClient http, com.anthropic.backends.Backend backend) {
        return construct(
                com.anthropic.client.okhttp.OkHttpClient.class,
                new Class<?>[] {OkHttpClient.class, com.anthropic.backends.Backend.class},
                http,
                backend);
    }

    private static <T> T construct(Class<T> type, Class<?>[] parameters, Object... arguments) {
        try {
            Constructor<T> constructor = type.getDeclaredConstructor(parameters);
            constructor.setAccessible(true);
            return constructor.newInstance(arguments);
        } catch (NoSuchMethodException | InstantiationException | IllegalAccessException e) {
            throw new IllegalStateException("the SDK's HTTP adapter " + type.getName() + " changed", e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("the SDK's HTTP adapter could not be created", e.getCause());
        }
    }
}
