package dev.referralkit.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
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
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.function.UnaryOperator;

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
 * <p><b>Errors in our words.</b> Every failure is a {@link ReferralKitException}: for JSON text its
 * message starts with {@code line L, column C}, then the JSON pointer of the field when known, then what
 * is wrong, such as {@code line 1, column 60: /rewards/payment/percent: percent "1001" must be between 0
 * and 1000} or {@code line 2, column 5: /id: duplicate key "id" (a key may appear once in an object)}.
 * Messages never name a class, a Jackson feature or setting. (A field check of an event keeps its short
 * message, like {@code amount "10.001" has 3 decimals, USD allows 2}: the engine adds the event.)
 *
 * <p><b>Byte-order mark.</b> A document may start with a UTF-8 byte-order mark (U+FEFF, as some Windows
 * editors save files): it is skipped. Anywhere else it is refused as a byte-order mark.
 */
public final class ReferralKitJson {
    /** The longest number token accepted, in characters. */
    static final int MAX_NUMBER_LENGTH = 40;
    /** The deepest nesting of objects and arrays accepted. */
    static final int MAX_NESTING_DEPTH = 64;
    /** The longest string accepted, in characters. */
    static final int MAX_STRING_LENGTH = 1_000_000;
    /** The longest key accepted, in characters. */
    static final int MAX_NAME_LENGTH = 256;
    private static final char BYTE_ORDER_MARK = '\uFEFF';

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
                        .maxNumberLength(MAX_NUMBER_LENGTH)
                        .maxNestingDepth(MAX_NESTING_DEPTH)
                        .maxStringLength(MAX_STRING_LENGTH)
                        .maxNameLength(MAX_NAME_LENGTH)
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
     * @param json the text; a leading byte-order mark is skipped
     * @param type the value class
     * @param code the code of a failure
     * @return the value
     * @throws ReferralKitException with {@code code} (or the more precise code a field check gave),
     *                              located at the line, column and JSON pointer of the fault
     */
    public static <T> T read(String json, Class<T> type, RejectionCode code) {
        String text = withoutByteOrderMark(json);
        JsonParser parser = null;
        try {
            parser = MAPPER.createParser(text);
            return MAPPER.readValue(parser, type);
        } catch (IOException | RuntimeException e) {
            throw JsonErrors.translate(e, code, text, parser);
        } finally {
            close(parser);
        }
    }

    /**
     * Reads a configuration document (a program, a partner list) and checks it as a whole, locating
     * any refusal: a refusal of {@code check} whose field is a dotted path from the document's root
     * (like {@code rewards.payment.tiers[2].above}) gets that path's JSON pointer, line and column.
     *
     * @param <T>   the value type
     * @param json  the text; a leading byte-order mark is skipped
     * @param type  the value class
     * @param check the check of the whole, returning the value to use
     * @return the checked value
     * @throws ReferralKitException {@link RejectionCode#INVALID_PROGRAM}, located
     */
    public static <T> T readDocument(String json, Class<T> type, UnaryOperator<T> check) {
        T value = read(json, type, RejectionCode.INVALID_PROGRAM);
        try {
            return check.apply(value);
        } catch (ReferralKitException e) {
            throw locate(e, withoutByteOrderMark(json), "");
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
     * @throws ReferralKitException with {@code code}, with the JSON pointer of the fault relative to
     *                              {@code node} (a tree has no lines; see {@link #locate})
     */
    public static <T> T read(JsonNode node, Class<T> type, RejectionCode code) {
        try {
            return MAPPER.treeToValue(node, type);
        } catch (JsonProcessingException | RuntimeException e) {
            throw JsonErrors.translate(e, code, null, null);
        }
    }

    /**
     * Reads JSON text into a tree, with the stream limits and duplicate-key check.
     *
     * @param json the text; a leading byte-order mark is skipped
     * @param code the code of a failure
     * @return the tree; a missing node for blank text
     * @throws ReferralKitException with {@code code}, located at the line and column of the fault
     */
    public static JsonNode readTree(String json, RejectionCode code) {
        String text = withoutByteOrderMark(json);
        if (text.isBlank()) {
            return MissingNode.getInstance();
        }
        JsonParser parser = null;
        try {
            parser = MAPPER.createParser(text);
            return MAPPER.readValue(parser, JsonNode.class);
        } catch (IOException | RuntimeException e) {
            throw JsonErrors.translate(e, code, text, parser);
        } finally {
            close(parser);
        }
    }

    /**
     * Places a refusal of a part of a document in the whole: its JSON pointer gets {@code prefix} in
     * front (a refusal without a pointer gets the pointer of its field, a dotted path from the part's
     * root such as {@code rewards.payment.tiers[2].above}, or a field that is already a pointer such as
     * {@code /expect/entries}), and the line and column where that pointer
     * is in {@code json}. A scenario places its program's refusals under {@code /program}.
     *
     * @param e      the refusal
     * @param json   the whole document's text, or null when there is none
     * @param prefix the part's pointer in the whole, like {@code /program}; empty for the root
     * @return the located refusal
     */
    public static ReferralKitException locate(ReferralKitException e, String json, String prefix) {
        String inner = e.pointer().orElseGet(() -> e.field().startsWith("/") ? e.field() : pointer(e.field()));
        String pointer = prefix + inner;
        ReferralKitException located = e.at(pointer);
        int[] at = json == null ? null : find(withoutByteOrderMark(json), pointer);
        return at == null ? located : located.atLine(at[0], at[1]);
    }

    /**
     * The JSON pointer (RFC 6901) of a dotted path: {@code rewards.payment.tiers[2].above} is
     * {@code /rewards/payment/tiers/2/above}. Keys are split at dots, so a key holding a dot cannot be
     * told apart.
     *
     * @param path a dotted path from a document's root; empty for the root
     * @return its pointer, empty for the root
     */
    public static String pointer(String path) {
        StringBuilder out = new StringBuilder();
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c == '.' || c == '[' || c == ']') {
                if (key.length() > 0) {
                    out.append('/').append(JsonErrors.escape(key.toString()));
                    key.setLength(0);
                }
            } else {
                key.append(c);
            }
        }
        if (key.length() > 0) {
            out.append('/').append(JsonErrors.escape(key.toString()));
        }
        return out.toString();
    }

    /**
     * Finds a JSON pointer in a text: the line and column where the member's key starts (or the
     * element, in an array; the value, at the root). A pointer to a key that is missing is found at
     * the nearest enclosing member that is there (the object that lacks the key).
     *
     * @return {line, column}, or null if the text does not reach it
     */
    static int[] find(String text, String pointer) {
        return find(text, pointer, true);
    }

    /** Like {@link #find(String, String)}; {@code nearest} false finds the pointer itself or nothing. */
    static int[] find(String text, String pointer, boolean nearest) {
        if (!nearest) {
            return findExactly(text, pointer);
        }
        for (String at = pointer; ; at = at.substring(0, at.lastIndexOf('/'))) {
            int[] found = findExactly(text, at);
            if (found != null || at.isEmpty()) {
                return found;
            }
        }
    }

    private static int[] findExactly(String text, String pointer) {
        List<Object> path = new ArrayList<>(); // per open container: its current key (String) or index (int[1])
        try (JsonParser p = MAPPER.createParser(text)) {
            JsonToken token;
            while ((token = p.nextToken()) != null) {
                if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
                    path.remove(path.size() - 1);
                    continue;
                }
                if (token == JsonToken.FIELD_NAME) {
                    path.set(path.size() - 1, p.currentName());
                    if (pointerOf(path).equals(pointer)) {
                        return at(p);
                    }
                    continue;
                }
                if (!path.isEmpty() && path.get(path.size() - 1) instanceof int[]) {
                    ((int[]) path.get(path.size() - 1))[0]++;
                }
                if (!path.isEmpty() && path.get(path.size() - 1) instanceof int[] || path.isEmpty()) {
                    if (pointerOf(path).equals(pointer)) {
                        return at(p);
                    }
                }
                if (token == JsonToken.START_OBJECT) {
                    path.add("");
                } else if (token == JsonToken.START_ARRAY) {
                    path.add(new int[] {-1});
                }
            }
        } catch (IOException | RuntimeException e) {
            return null; // the text does not reach the pointer in one piece
        }
        return null;
    }

    private static String pointerOf(List<Object> path) {
        StringBuilder out = new StringBuilder();
        for (Object segment : path) {
            out.append('/');
            if (segment instanceof int[]) {
                out.append(((int[]) segment)[0]);
            } else {
                out.append(JsonErrors.escape((String) segment));
            }
        }
        return out.toString();
    }

    private static int[] at(JsonParser p) {
        JsonLocation l = p.currentTokenLocation();
        return l.getLineNr() < 1 || l.getColumnNr() < 1 ? null : new int[] {l.getLineNr(), l.getColumnNr()};
    }

    /**
     * A document without its leading byte-order mark (U+FEFF), if it has one.
     *
     * @param json the text
     * @return the text from its first character after the mark
     */
    public static String withoutByteOrderMark(String json) {
        Objects.requireNonNull(json, "json");
        return !json.isEmpty() && json.charAt(0) == BYTE_ORDER_MARK ? json.substring(1) : json;
    }

    /**
     * Reads a FORMATS.md instant (ISO-8601 with {@code Z} or an offset) exactly as the mapper does: the
     * usual shape directly, anything else through {@code DateTimeFormatter.ISO_OFFSET_DATE_TIME}, which
     * decides what is refused. For readers that stream JSON themselves (the reports module's ledger files).
     *
     * @param field the field, for the message
     * @param text  the text
     * @return the instant
     * @throws ReferralKitException {@code INVALID_EVENT} naming the field and the text
     */
    public static java.time.Instant parseInstant(String field, String text) {
        return ReferralKitModule.parseInstant(field, Objects.requireNonNull(text, field));
    }

    private static void close(JsonParser parser) {
        if (parser != null) {
            try {
                parser.close();
            } catch (IOException e) {
                // a parser over a string holds nothing to release
            }
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
     * Turns a Jackson or Immutables failure into a {@link ReferralKitException} in our words (see the
     * class comment). A {@code ReferralKitException} thrown by a field check keeps its own code when
     * reading events; when reading configuration ({@code code} is {@link RejectionCode#INVALID_PROGRAM})
     * it becomes a program error located at its JSON pointer.
     *
     * @param failure what was thrown while reading
     * @param code    the code for failures that carry none
     * @return the exception to throw (without a line: no text is known here)
     */
    public static ReferralKitException translate(Throwable failure, RejectionCode code) {
        return JsonErrors.translate(failure, code, null, null);
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
