package dev.stoa.tools.domain;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.PathType;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.resource.DisallowSchemaLoader;
import dev.stoa.tools.domain.model.Tool;
import java.util.Comparator;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Checks a call's arguments against the JSON Schema its tool registered, before the call leaves the router: a model's
 * malformed call is answered at once with {@code invalid_arguments} naming the JSON pointer, and never costs the
 * backend a round trip. Compiled schemas are cached per tool version. Schemas never load anything from outside
 * ({@code $ref} to a URL is refused), so a tool's schema cannot make the router fetch an address; a schema the router
 * cannot use is not checked here (the SDK checks it too).
 */
@Component
public final class ArgumentSchemas {
    private static final Logger log = LoggerFactory.getLogger(ArgumentSchemas.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SchemaValidatorsConfig CONFIG =
            SchemaValidatorsConfig.builder().pathType(PathType.JSON_POINTER).build();

    private final JsonSchemaFactory factory = JsonSchemaFactory.getInstance(
            SpecVersion.VersionFlag.V202012,
            builder -> builder.schemaLoaders(loaders -> loaders.add(DisallowSchemaLoader.getInstance())));
    private final Cache<String, Optional<JsonSchema>> compiled =
            Caffeine.newBuilder().maximumSize(10_000).build();

    /** Why {@code argumentsJson} breaks the tool's schema (pointer and message), or empty when it is valid. */
    public Optional<String> violation(Tool tool, String argumentsJson) {
        Optional<JsonSchema> schema = compiled.get(tool.id() + "@" + tool.version(), key -> compile(tool));
        if (schema.isEmpty()) {
            return Optional.empty();
        }
        try {
            Set<ValidationMessage> errors = schema.get().validate(JSON.readTree(argumentsJson));
            return errors.stream()
                    .sorted(Comparator.comparing((ValidationMessage m) -> pointer(m))
                            .thenComparing(ValidationMessage::getMessage))
                    .findFirst()
                    .map(m -> pointer(m) + ": " + m.getMessage());
        } catch (JacksonException e) {
            return Optional.of("/: the arguments are not JSON");
        } catch (RuntimeException e) {
            // e.g. a $ref that needs a remote document: the schema is unusable here, the SDK still checks
            log.debug("arguments of tool {} not checked: {}", tool.id(), e.toString());
            return Optional.empty();
        }
    }

    private Optional<JsonSchema> compile(Tool tool) {
        try {
            return Optional.of(factory.getSchema(JSON.readTree(tool.definition().inputSchemaJson()), CONFIG));
        } catch (JacksonException | RuntimeException e) {
            log.debug("schema of tool {} not usable for argument checks: {}", tool.id(), e.toString());
            return Optional.empty();
        }
    }

    /** The JSON pointer of the offending value; for a missing property, of the property itself. */
    private static String pointer(ValidationMessage message) {
        String at = message.getInstanceLocation().toString();
        if ("required".equals(message.getType()) && message.getProperty() != null) {
            at = at + "/" + message.getProperty().replace("~", "~0").replace("/", "~1");
        }
        return at.isEmpty() ? "/" : at;
    }
}
