package dev.stoa.web.openapi;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.stoa.web.validation.JsonObject;
import dev.stoa.web.validation.OneOf;
import dev.stoa.web.validation.OneOfValidator;
import io.swagger.v3.core.converter.AnnotatedType;
import io.swagger.v3.core.converter.ModelConverter;
import io.swagger.v3.core.converter.ModelConverterContext;
import io.swagger.v3.core.jackson.ModelResolver;
import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.Schema;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.AnnotatedParameterizedType;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;

/**
 * Schemas as Stoa's JSON mapper really reads and writes them (see {@code StoaJsonCustomizer}): snake_case property
 * names; free-form JSON ({@code JsonNode}, {@code @JsonRawValue} text) as {@code {}}, or as an open object with
 * {@link JsonObject}; {@link OneOf} as {@code enum}; and, for records of {@code @NullMarked} code, {@code required}
 * and {@code null} from the nullness the compiler checks: a component is required unless it is {@code @Nullable}
 * (null values are never written), and a {@code @Nullable} one may be sent as JSON null.
 */
public final class WireModelResolver extends ModelResolver {
    private static final PropertyNamingStrategies.NamingBase SNAKE_CASE =
            (PropertyNamingStrategies.NamingBase) PropertyNamingStrategies.SNAKE_CASE;
    private static final Set<String> REQUIRING =
            Set.of(NotNull.class.getName(), NotBlank.class.getName(), NotEmpty.class.getName());
    private static final Set<JsonInclude.Include> OMITS_VALUES =
            Set.of(JsonInclude.Include.NON_EMPTY, JsonInclude.Include.NON_ABSENT, JsonInclude.Include.NON_DEFAULT);

    public WireModelResolver() {
        super(Json31.mapper().copy().setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE));
        openapi31(true);
    }

    @Override
    public @Nullable Schema resolve(AnnotatedType type, ModelConverterContext context, Iterator<ModelConverter> next) {
        Class<?> raw = _mapper.constructType(type.getType()).getRawClass();
        Annotation[] annotations = type.getCtxAnnotations() == null ? new Annotation[0] : type.getCtxAnnotations();
        if (isFreeForm(raw) || has(annotations, JsonRawValue.class)) {
            return freeForm(annotations);
        }
        Schema schema = super.resolve(type, context, next);
        if (schema == null) {
            return null;
        }
        if (raw.isRecord() && isNullMarked(raw)) {
            wireRecord(raw, model(schema, context));
        } else if (schema.get$ref() == null) {
            applyConstraints(schema, annotations);
        }
        return schema;
    }

    /** The model itself when {@code resolve} answered a reference to it. */
    private static Schema<?> model(Schema<?> schema, ModelConverterContext context) {
        String ref = schema.get$ref();
        if (ref == null) {
            return schema;
        }
        Schema<?> defined = context.getDefinedModels().get(ref.substring(ref.lastIndexOf('/') + 1));
        return defined == null ? schema : defined;
    }

    /** Required, nullable, free-form and constrained properties of a record's schema. */
    private static void wireRecord(Class<?> record, Schema<?> model) {
        if (model.getProperties() == null) {
            return;
        }
        List<String> required = new ArrayList<>(model.getRequired() == null ? List.of() : model.getRequired());
        for (RecordComponent component : record.getRecordComponents()) {
            String name = wireName(component);
            Schema<?> property = model.getProperties().get(name);
            if (property == null) {
                continue;
            }
            Annotation[] annotations = annotations(component);
            if (isFreeForm(component.getType()) || has(annotations, JsonRawValue.class)) {
                property = freeForm(annotations);
                model.getProperties().put(name, property);
            }
            applyConstraints(property, annotations);
            if (Integer.valueOf(Integer.MAX_VALUE).equals(property.getMaxItems())) {
                property.setMaxItems(null); // @Size(min = n) alone sets no upper bound
            }
            if (component.getAnnotatedType() instanceof AnnotatedParameterizedType parameterized
                    && property.getItems() != null
                    && parameterized.getAnnotatedActualTypeArguments().length == 1) {
                applyConstraints(
                        property.getItems(), parameterized.getAnnotatedActualTypeArguments()[0].getAnnotations());
            }
            boolean nullable = component.getAnnotatedType().isAnnotationPresent(Nullable.class);
            boolean demanded = Arrays.stream(annotations)
                    .anyMatch(a -> REQUIRING.contains(a.annotationType().getName()));
            JsonInclude include = find(annotations, JsonInclude.class);
            boolean alwaysWritten = include != null && include.value() == JsonInclude.Include.ALWAYS;
            boolean omittedWhenEmpty = include != null && OMITS_VALUES.contains(include.value());
            if (demanded || alwaysWritten || (!nullable && !omittedWhenEmpty)) {
                if (!required.contains(name)) {
                    required.add(name);
                }
            } else {
                required.remove(name);
            }
            if (nullable && !demanded) {
                allowNull(property);
            }
        }
        model.setRequired(required.isEmpty() ? null : required);
    }

    /** Enum, object-ness and non-blankness from the constraints on a value. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void applyConstraints(Schema schema, Annotation[] annotations) {
        OneOf oneOf = find(annotations, OneOf.class);
        if (oneOf != null) {
            boolean integers = oneOf.ints().length > 0;
            List<Object> values = new ArrayList<>();
            for (String value : OneOfValidator.values(oneOf)) {
                values.add(integers ? (Object) Integer.valueOf(value) : value);
            }
            schema.setEnum(values);
        }
        Pattern pattern = find(annotations, Pattern.class);
        if (pattern != null) {
            schema.setPattern(anchored(pattern.regexp()));
        }
        if (find(annotations, JsonObject.class) != null && schema.get$ref() == null) {
            schema.setTypes(new LinkedHashSet<>(Set.of("object")));
            schema.setAdditionalProperties(Boolean.TRUE);
        }
        if (has(annotations, NotBlank.class) || has(annotations, NotEmpty.class)) {
            if (schema.getMinLength() == null || schema.getMinLength() < 1) {
                schema.setMinLength(1);
            }
            if (has(annotations, NotBlank.class) && schema.getPattern() == null) {
                schema.setPattern("\\S"); // some character that is not white space, as @NotBlank demands
            }
        }
    }

    /**
     * A Bean Validation pattern as JSON Schema means it: {@code @Pattern} must match the whole value, a JSON Schema
     * {@code pattern} only somewhere in it.
     */
    static String anchored(String regexp) {
        return regexp.startsWith("^") && regexp.endsWith("$") ? regexp : "^(?:" + regexp + ")$";
    }

    /** Lets JSON null through, as Jackson reads it for a {@code @Nullable} component. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void allowNull(Schema schema) {
        if (schema.get$ref() != null || isEmpty(schema)) {
            return; // a reference cannot carry a type here, and {} already allows null
        }
        Set<String> types = schema.getTypes() != null
                ? new LinkedHashSet<>(schema.getTypes())
                : new LinkedHashSet<>(schema.getType() == null ? Set.of() : Set.of(schema.getType()));
        if (types.isEmpty()) {
            return;
        }
        types.add("null");
        schema.setTypes(types);
        if (schema.getEnum() != null && !schema.getEnum().contains(null)) {
            List values = new ArrayList(schema.getEnum());
            values.add(null);
            schema.setEnum(values);
        }
    }

    private static Schema<?> freeForm(Annotation[] annotations) {
        Schema<?> schema = new JsonSchema();
        if (find(annotations, JsonObject.class) != null) {
            schema.setTypes(new LinkedHashSet<>(Set.of("object")));
            schema.setAdditionalProperties(Boolean.TRUE);
        }
        return schema;
    }

    private static boolean isEmpty(Schema<?> schema) {
        return schema.getType() == null
                && (schema.getTypes() == null || schema.getTypes().isEmpty())
                && schema.getProperties() == null
                && schema.getItems() == null;
    }

    private static boolean isFreeForm(Class<?> type) {
        return tools.jackson.databind.JsonNode.class.isAssignableFrom(type)
                || com.fasterxml.jackson.databind.JsonNode.class.isAssignableFrom(type);
    }

    private static boolean isNullMarked(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getEnclosingClass()) {
            if (c.isAnnotationPresent(NullMarked.class)) {
                return true;
            }
        }
        return type.getPackage() != null && type.getPackage().isAnnotationPresent(NullMarked.class);
    }

    /** The component's name on the wire: its {@code @JsonProperty}, else its Java name in snake_case. */
    private static String wireName(RecordComponent component) {
        JsonProperty property = find(annotations(component), JsonProperty.class);
        if (property != null && !property.value().isEmpty()) {
            return property.value();
        }
        return SNAKE_CASE.translate(component.getName());
    }

    /** Declaration annotations wherever the record put them (field, accessor), plus those on the type. */
    private static Annotation[] annotations(RecordComponent component) {
        List<AnnotatedElement> places = new ArrayList<>();
        places.add(component);
        places.add(component.getAccessor());
        try {
            places.add(component.getDeclaringRecord().getDeclaredField(component.getName()));
        } catch (NoSuchFieldException e) {
            // every record component has its field; nothing more to read if not
        }
        return Stream.concat(
                        places.stream().flatMap(p -> Arrays.stream(p.getAnnotations())),
                        Arrays.stream(component.getAnnotatedType().getAnnotations()))
                .distinct()
                .toArray(Annotation[]::new);
    }

    private static boolean has(Annotation[] annotations, Class<? extends Annotation> type) {
        return find(annotations, type) != null;
    }

    private static <A extends Annotation> @Nullable A find(Annotation[] annotations, Class<A> type) {
        for (Annotation annotation : annotations) {
            if (type.isInstance(annotation)) {
                return type.cast(annotation);
            }
        }
        return null;
    }
}
