package org.skaben.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * JSON as the operator API reads and writes it: properties and map keys sorted (as the API always answered),
 * no unknown fields, no quietly converted values ("5" is no integer), and a refusal that names the bad field by
 * its path in the body ({@code "states[1]"}, {@code "sup_fields.x"}).
 */
public final class ApiJson {

    public static final JsonMapper MAPPER = JsonMapper.builder()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // a number or a boolean is no string either
            .withCoercionConfig(LogicalType.Textual, text -> text
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .build();

    private static final ObjectWriter WITHOUT_NULLS = MAPPER.copy()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL).writer();

    private ApiJson() {
    }

    /** A request record as the journal shows it: the fields it has, no nulls. */
    static String write(Object value) {
        try {
            return WITHOUT_NULLS.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not serialisable as JSON: " + e.getOriginalMessage(), e);
        }
    }

    /** The reason a 400 gives for a body Jackson could not read into its request record. */
    static String reason(JsonProcessingException e) {
        if (!(e instanceof JsonMappingException mapping)) {
            return "the request body is not valid JSON: " + e.getOriginalMessage();
        }
        String path = path(mapping.getPath());
        if (e instanceof UnrecognizedPropertyException unknown) {
            return "unknown field '" + path + "': expected " + known(unknown.getKnownPropertyIds());
        }
        if (path.isEmpty() || !(e instanceof MismatchedInputException mismatch)) {
            return "the request body must be a JSON object";
        }
        return field(path, "must be " + kind(mismatch.getTargetType()));
    }

    /** A refusal naming the field by its path: {@code "value" must be an integer}. */
    static String field(String path, String problem) {
        return "\"" + path + "\" " + problem;
    }

    /** The path of a value in the body: {@code states[1]}, {@code sup_fields.x}. */
    static String path(List<JsonMappingException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference r : references) {
            if (r.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                path.append('[').append(r.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String kind(Class<?> type) {
        if (type == null) {
            return "of another kind";
        }
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "an integer";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "a boolean";
        }
        if (type == String.class) {
            return "a string";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return Map.class.isAssignableFrom(type) || type.isRecord() ? "an object" : "a " + type.getSimpleName();
    }

    private static String known(Collection<Object> ids) {
        return ids == null ? "" : ids.stream().map(String::valueOf).sorted().collect(Collectors.joining(", "));
    }
}
