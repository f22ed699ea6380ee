package dev.stoa.sdk.example;

import dev.stoa.sdk.StoaClient;
import dev.stoa.sdk.StoaTool;
import dev.stoa.sdk.ToolException;

/**
 * An example backend: two tools served to the org's agents until the process is stopped. Run it with
 * {@code STOA_URL} (the gateway) and {@code STOA_SDK_SECRET} (an SDK connection's secret) in the environment.
 */
public final class WeatherBackend {
    /** The arguments of {@link Tools#forecast}. */
    public record City(String name, int days) {}

    /** A forecast, as the model gets it back. */
    public record Forecast(String city, int days, String summary) {}

    /** The tools: public methods annotated with {@link StoaTool}. */
    public static final class Tools {
        @StoaTool(description = "Weather forecast for a city over the next days.", timeoutMs = 5_000, idempotent = true)
        public Forecast forecast(City city) {
            if (city.days() < 1 || city.days() > 14) {
                throw new ToolException("invalid_days", "days must be between 1 and 14", false);
            }
            return new Forecast(city.name(), city.days(), "mild, light wind");
        }

        @StoaTool(name = "convert_temperature", description = "Converts Celsius to Fahrenheit.")
        public double convert(double celsius) {
            return celsius * 9 / 5 + 32;
        }
    }

    private WeatherBackend() {}

    public static void main(String[] args) throws InterruptedException {
        StoaClient stoa = StoaClient.builder()
                .url(System.getenv().getOrDefault("STOA_URL", "http://localhost:8080"))
                .secret(System.getenv("STOA_SDK_SECRET"))
                .tools(new Tools())
                .start();
        // graceful shutdown: no new calls, calls in flight finish, then disconnect
        Runtime.getRuntime().addShutdownHook(new Thread(stoa::close));
        Thread.currentThread().join();
    }
}
