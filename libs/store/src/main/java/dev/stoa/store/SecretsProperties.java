package dev.stoa.store;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The master key ring: {@code stoa.secrets.keys.<version>=<base64 of 32 bytes>} and the version new secrets are
 * sealed under ({@code stoa.secrets.active-version}; optional when the ring holds one key).
 */
@ConfigurationProperties("stoa.secrets")
public record SecretsProperties(
        @DefaultValue Map<String, String> keys, @Nullable String activeVersion) {

    @SuppressWarnings("ConstantValue") // the binder may still hand over null
    public SecretsProperties {
        keys = keys == null ? Map.of() : Map.copyOf(keys);
    }

    @Override
    public String toString() {
        // Never print key material, even in a debug dump of the environment.
        return "SecretsProperties[versions=" + keys.keySet() + ", activeVersion=" + activeVersion + "]";
    }
}
