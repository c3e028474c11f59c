package dev.referralkit.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;

/**
 * The one JSON mapper of ReferralKit, hardened for untrusted input (STYLE.md):
 * <ul>
 * <li>stream limits: numbers of at most 40 characters, nesting at most 64 deep, strings at most
 *     1,000,000 characters, names at most 256;</li>
 * <li>a duplicate key, a trailing token or an unknown key fails;</li>
 * <li>no coercion: a JSON number is never read as a string or boolean, a string or float never as
 *     an integer; amounts and percentages must be JSON strings holding plain decimals;</li>
 * <li>polymorphic values only through registered names ({@code "type": "percent"}), never class
 *     names and never default typing;</li>
 * <li>output is deterministic: map entries sorted by key, absent optionals left out.</li>
 * </ul>
 * Commission strategies and other plug-ins register their JSON names through
 * {@link JsonTypeProvider}, found with {@link ServiceLoader}.
 *
 * <p>Failures are reported as {@link ReferralKitException}s naming the field or JSON path.
 */
public final class ReferralKitJson {
    private static final ObjectMapper MAPPER = create();

    private ReferralKitJson() {
    }

    /**
     * The shared mapper. Thread-safe; do not reconfigure it.
     *
     * @return the hardened mapper
     */
    public static ObjectMapper mapper() {
        return MAPPER;
    }

    private static ObjectMapper create() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNumberLength(40)
                        .maxNestingDepth(64)
                        .maxStringLength(1_000_000)
                        .maxNameLength(256)
                        .build())
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .build();
        JsonMapper mapper = JsonMapper.builder(factory)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .withCoercionConfig(LogicalType.Integer, c -> c
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Boolean, c -> c
                        .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail))
                .withCoercionConfig(LogicalType.Textual, c -> c
                        .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                        .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
                .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
                .serializationInclusion(JsonInclude.Include.NON_ABSENT)
                .addModule(new Jdk8Module())
                .addModule(new ReferralKitModule())
                .build();
        mapper.deactivateDefaultTyping();
        SimpleModule named = new SimpleModule("referralkit-types");
        for (JsonTypeProvider provider : ServiceLoader.load(JsonTypeProvider.class, ReferralKitJson.class.getClassLoader())) {
            for (NamedType type : provider.types()) {
                Objects.requireNonNull(type.getName(), "a JsonTypeProvider type needs a name");
                named.registerSubtypes(type);
            }
        }
        mapper.registerModule(named);
        return mapper;
    }

    /**
     * Reads JSON text into a value.
     *
     * @param <T>  the value type
     * @param json the text
     * @param type the value class
     * @param code the code of a failure
     * @return the value
     * @throws ReferralKitException with {@code code} (or the more precise code a field check gave)
     */
    public static <T> T read(String json, Class<T> type, RejectionCode code) {
        try {
            return MAPPER.readValue(json, type);
        } catch (JsonProcessingException | RuntimeException e) {
            throw translate(e, code);
        }
    }

    /**
     * Reads a JSON tree into a value.
     *
     * @param <T>  the value type
     * @param node the tree
     * @param type the value class
     * @param code the code of a failure
     * @return the value
     */
    public static <T> T read(JsonNode node, Class<T> type, RejectionCode code) {
        try {
            return MAPPER.treeToValue(node, type);
        } catch (JsonProcessingException | RuntimeException e) {
            throw translate(e, code);
        }
    }

    /**
     * Reads JSON text into a tree, with the stream limits and duplicate-key check.
     *
     * @param json the text
     * @param code the code of a failure
     * @return the tree
     */
    public static JsonNode readTree(String json, RejectionCode code) {
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException | RuntimeException e) {
            throw translate(e, code);
        }
    }

    /**
     * Writes a value as compact JSON.
     *
     * @param value any ReferralKit value
     * @return the JSON text
     */
    public static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + ": " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Turns a Jackson or Immutables failure into a {@link ReferralKitException} that names the
     * field. A {@code ReferralKitException} thrown by a field check inside Jackson keeps its own code
     * when reading events; when reading configuration ({@code code} is
     * {@link RejectionCode#INVALID_PROGRAM}) it becomes a program error prefixed with its JSON path.
     *
     * @param failure what was thrown while reading
     * @param code    the code for failures that carry none
     * @return the exception to throw
     */
    public static ReferralKitException translate(Throwable failure, RejectionCode code) {
        String path = failure instanceof JsonMappingException ? path((JsonMappingException) failure) : "";
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ReferralKitException) {
                ReferralKitException e = (ReferralKitException) t;
                // in a program every refusal is a program error, located by its JSON path
                return code == RejectionCode.INVALID_PROGRAM
                        ? e.recoded(RejectionCode.INVALID_PROGRAM, path.isEmpty() ? null : path) : e;
            }
        }
        if (failure instanceof UnrecognizedPropertyException) {
            UnrecognizedPropertyException e = (UnrecognizedPropertyException) failure;
            String field = String.valueOf(e.getPropertyName());
            return ReferralKitException.of(code, path.isEmpty() ? field : path, null,
                    (path.isEmpty() ? field : path) + " is not a known key; allowed: " + knownKeys(e));
        }
        if (failure instanceof InvalidTypeIdException) {
            InvalidTypeIdException e = (InvalidTypeIdException) failure;
            String field = path.isEmpty() ? "type" : path + ".type";
            return ReferralKitException.invalid(code, field, e.getTypeId(), "is not a known type");
        }
        Throwable cause = failure;
        while (cause.getCause() != null && !(cause instanceof IllegalStateException) && !(cause instanceof NullPointerException)) {
            cause = cause.getCause();
        }
        if (cause instanceof IllegalStateException && String.valueOf(cause.getMessage()).contains("required attribute")) {
            // Immutables: "Cannot build Payment, some of required attributes are not set [amount]"
            String message = cause.getMessage();
            int open = message.indexOf('[');
            String missing = open < 0 ? "?" : message.substring(open + 1, message.length() - 1);
            String field = path.isEmpty() ? missing : path + "." + missing;
            return ReferralKitException.of(code, field, null, "missing required key(s): " + field);
        }
        if (cause instanceof NullPointerException) {
            String name = String.valueOf(cause.getMessage());
            String field = path.isEmpty() ? name : path;
            return ReferralKitException.of(code, field, null, field + " must not be null");
        }
        String message = failure instanceof JsonProcessingException
                ? ((JsonProcessingException) failure).getOriginalMessage() : String.valueOf(failure.getMessage());
        message = firstLine(message);
        String field = path.isEmpty() ? "json" : path;
        return ReferralKitException.of(code, field, null, path.isEmpty() ? message : field + ": " + message);
    }

    private static String knownKeys(UnrecognizedPropertyException e) {
        if (e.getKnownPropertyIds() == null) {
            return "none";
        }
        List<String> keys = new java.util.ArrayList<>();
        for (Object id : e.getKnownPropertyIds()) {
            keys.add(String.valueOf(id));
        }
        java.util.Collections.sort(keys);
        return String.join(", ", keys);
    }

    private static String firstLine(String message) {
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    /**
     * The path of a mapping failure in dotted form, like {@code rewards.payment.tiers[1].above}.
     *
     * @param e the failure
     * @return the path, empty at the root
     */
    public static String path(JsonMappingException e) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (out.length() > 0) {
                    out.append('.');
                }
                out.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                out.append('[').append(ref.getIndex()).append(']');
            }
        }
        return out.toString();
    }
}
