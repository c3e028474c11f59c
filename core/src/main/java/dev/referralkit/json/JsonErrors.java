package dev.referralkit.json;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.introspect.AnnotatedClass;
import com.fasterxml.jackson.databind.jsontype.NamedType;
import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns what Jackson (and Immutables inside it) throws into a {@link ReferralKitException} in our
 * words: the line and column when the JSON came as text, the JSON pointer of the field when known,
 * and what is wrong — never a library's class, feature or setting name. The original failure is
 * logged at DEBUG for whoever debugs the library itself.
 *
 * <p>Where a refusal is located: a syntax error, a duplicate key or a size limit at the place the
 * reader stopped (just after the duplicate key, the long number, the deepest bracket); a refusal of a
 * field (unknown key, wrong JSON type, a field check, a long string) at the start of the field's key
 * (of the element, in an array), found again in the text by its pointer.
 */
final class JsonErrors {
    private static final Logger LOG = LoggerFactory.getLogger(JsonErrors.class);
    private static final Pattern UNEXPECTED_CHAR = Pattern.compile("^Unexpected character \\('.*?' \\(code (\\d+)");
    private static final Pattern UNEXPECTED_CLOSE = Pattern.compile("^Unexpected close marker '(.)': expected '(.)'");
    private static final Pattern TOKEN = Pattern.compile("^(?:Unrecognized|Non-standard) token '([^']{0,40})");
    private static final Pattern ESCAPE = Pattern.compile("^Unrecognized character escape .*?\\(code (\\d+)\\)");
    private static final Pattern DUPLICATE = Pattern.compile("^Duplicate field '(.{0,256})'", Pattern.DOTALL);
    private static final Pattern NUMBER = Pattern.compile("\\((-?\\d{1,40})\\)");
    private static final Pattern FOUND = Pattern.compile("(?:Cannot coerce|from) (String|Integer|Floating-point|Boolean|Array|Object|Null|Embedded Object) value");

    private JsonErrors() {
    }

    /**
     * Translates a failure of reading.
     *
     * @param failure what was thrown
     * @param code    the code of a failure that carries none; {@link RejectionCode#INVALID_PROGRAM} also
     *                turns a field check's refusal into a located program error
     * @param text    the text read, or null when a tree was read (then there is no line or column)
     * @param parser  the parser that read it, or null
     * @return the exception to throw
     */
    static ReferralKitException translate(Throwable failure, RejectionCode code, String text, JsonParser parser) {
        LOG.debug("JSON refused", failure);
        ReferralKitException own = own(failure);
        if (own != null) {
            if (code != RejectionCode.INVALID_PROGRAM) {
                return own; // an event's field check: its message already names the field; the engine adds the event
            }
            String pointer = failure == own ? ReferralKitJson.pointer(own.field()) : ownPointer(failure, own);
            return place(own.recoded(RejectionCode.INVALID_PROGRAM, null).at(pointer), text, failure, parser, true);
        }
        Throwable core = core(failure);
        if (core instanceof StreamConstraintsException) {
            // a long string is located at its key; a long number (read with its key) and too deep where the reader stopped
            ReferralKitException e = limit((StreamConstraintsException) core, code, failure, parser);
            int[] at = text == null ? null : e.pointer().filter(p -> !p.isEmpty()).map(p -> ReferralKitJson.find(text, p, false)).orElse(null);
            return at != null ? e.atLine(at[0], at[1]) : place(e, text, core, parser, false);
        }
        if (core instanceof InputCoercionException) {
            String pointer = pointer(failure, parser);
            Matcher m = NUMBER.matcher(String.valueOf(((InputCoercionException) core).getOriginalMessage()));
            String number = m.find() ? m.group(1) : null;
            return place(refusal(code, pointer, number, (number == null ? "the number" : number)
                    + " is out of range for a whole number"), text, core, parser, true);
        }
        if (core instanceof JsonParseException) {
            String message = String.valueOf(((JsonParseException) core).getOriginalMessage());
            Matcher dup = DUPLICATE.matcher(message);
            if (dup.find()) {
                String pointer = parserPointer(core, parser);
                if (pointer == null) {
                    pointer = pointer(failure, null) + "/" + escape(dup.group(1));
                }
                return place(refusal(code, pointer, dup.group(1), "duplicate key \"" + dup.group(1) + "\" (a key may appear once in an object)"),
                        text, core, parser, false);
            }
            return place(refusal(code, null, null, syntax((JsonParseException) core, message)), text, core, parser, false);
        }
        if (failure instanceof InvalidTypeIdException) {
            InvalidTypeIdException e = (InvalidTypeIdException) failure;
            String property = typeProperty(e.getBaseType());
            String known = String.join(", ", typeNames(e.getBaseType()));
            String pointer = pointer(e);
            if (e.getTypeId() == null) {
                return place(refusal(code, pointer, null, "missing key \"" + property + "\": one of " + known), text, e, parser, true);
            }
            return place(refusal(code, pointer + "/" + escape(property), e.getTypeId(),
                    property + " \"" + abbreviate(e.getTypeId()) + "\" is not a known type; known: " + known), text, e, parser, true);
        }
        if (failure instanceof UnrecognizedPropertyException) {
            UnrecognizedPropertyException e = (UnrecognizedPropertyException) failure;
            String key = String.valueOf(e.getPropertyName());
            return place(refusal(code, pointer(e), key,
                    "\"" + abbreviate(key) + "\" is not a known key; allowed: " + knownKeys(e)), text, e, parser, true);
        }
        if (failure instanceof MismatchedInputException) {
            MismatchedInputException e = (MismatchedInputException) failure;
            String message = String.valueOf(e.getOriginalMessage());
            if (message.startsWith("Trailing token")) {
                return place(refusal(code, null, null, "more JSON after the end of the value (a document holds one value)"),
                        text, e, parser, false);
            }
            if (message.startsWith("No content to map")) {
                return refusal(code, null, null, "the document is empty");
            }
            return place(refusal(code, pointer(e), null, "expected " + expected(e.getTargetType()) + ", found " + found(e, message)),
                    text, e, parser, true);
        }
        String pointer = failure instanceof JsonMappingException ? pointer((JsonMappingException) failure) : "";
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof IllegalStateException && String.valueOf(t.getMessage()).contains("required attribute")) {
                // Immutables: "Cannot build Payment, some of required attributes are not set [amount]"
                String message = t.getMessage();
                int open = message.indexOf('[');
                int close = message.lastIndexOf(']');
                String missing = open < 0 || close < open ? "?" : message.substring(open + 1, close);
                return place(refusal(code, pointer, null, "missing required key(s): " + missing), text, failure, parser, true);
            }
            if (t instanceof NullPointerException) {
                String name = String.valueOf(t.getMessage());
                String at = failure instanceof ValueInstantiationException && name.matches("[A-Za-z]{1,64}") ? pointer + "/" + name : pointer;
                return place(refusal(code, at, null, "must not be null"), text, failure, parser, true);
            }
        }
        return place(refusal(code, pointer, null, "cannot be read here"), text, failure, parser, true);
    }

    /** A refusal of ours, found anywhere in the chain of causes. */
    private static ReferralKitException own(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ReferralKitException) {
                return (ReferralKitException) t;
            }
        }
        return null;
    }

    /**
     * The pointer of a field check's refusal: the mapping path reaches the value a scalar reader was
     * reading, or the object whose check failed (then the refusal's own field, relative to that object,
     * completes it).
     */
    private static String ownPointer(Throwable failure, ReferralKitException own) {
        if (!(failure instanceof JsonMappingException)) {
            return ReferralKitJson.pointer(own.field());
        }
        JsonMappingException e = (JsonMappingException) failure;
        String base = pointer(e);
        if (!(failure instanceof ValueInstantiationException)) {
            return base;
        }
        String field = own.field();
        List<JsonMappingException.Reference> refs = e.getPath();
        String last = refs.isEmpty() ? null : refs.get(refs.size() - 1).getFieldName();
        if (field.isEmpty() || field.equals(last)) {
            return base;
        }
        return base + ReferralKitJson.pointer(field);
    }

    /** The innermost Jackson core failure (syntax, limits, number range), if any. */
    private static Throwable core(Throwable failure) {
        Throwable found = null;
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof StreamConstraintsException || t instanceof JsonParseException || t instanceof InputCoercionException) {
                found = t;
            }
        }
        return found;
    }

    private static ReferralKitException refusal(RejectionCode code, String pointer, String value, String what) {
        String field = pointer == null || pointer.isEmpty() ? "json" : dotted(pointer);
        ReferralKitException e = ReferralKitException.of(code, field, value, what);
        return pointer == null ? e : e.at(pointer);
    }

    private static ReferralKitException limit(StreamConstraintsException e, RejectionCode code, Throwable failure, JsonParser parser) {
        String message = String.valueOf(e.getOriginalMessage());
        if (message.startsWith("Document nesting depth") || message.startsWith("Depth")) {
            return refusal(code, null, null, "nested deeper than " + ReferralKitJson.MAX_NESTING_DEPTH + " levels");
        }
        String pointer = parserPointer(e, parser);
        if (pointer == null && failure instanceof JsonMappingException) {
            pointer = pointer((JsonMappingException) failure);
        }
        if (message.startsWith("Number value length")) {
            return refusal(code, pointer, null, "a number longer than " + ReferralKitJson.MAX_NUMBER_LENGTH
                    + " characters (amounts are strings, like \"49.90\")");
        }
        if (message.startsWith("String value length")) {
            return refusal(code, pointer, null, "a string longer than " + ReferralKitJson.MAX_STRING_LENGTH + " characters");
        }
        if (message.startsWith("Name length")) {
            return refusal(code, pointer, null, "a key longer than " + ReferralKitJson.MAX_NAME_LENGTH + " characters");
        }
        return refusal(code, null, null, "the document is larger than allowed");
    }

    /** A syntax error in our words, naming the character or word found and what was expected. */
    private static String syntax(JsonParseException e, String message) {
        if (e instanceof JsonEOFException || message.startsWith("Unexpected end-of-input")) {
            if (message.contains("close marker for Object")) {
                return "the text ends before an object is closed with '}'";
            }
            if (message.contains("close marker for Array")) {
                return "the text ends before an array is closed with ']'";
            }
            if (message.contains("quote") || message.contains("String value")) {
                return "the text ends inside a string";
            }
            return "the text ends too early";
        }
        Matcher m = UNEXPECTED_CHAR.matcher(message);
        if (m.find()) {
            String found = character(Integer.parseInt(m.group(1)));
            if (message.contains("double-quote to start field name")) {
                return "unexpected " + found + ": expected a key in double quotes";
            }
            if (message.contains("colon to separate")) {
                return "unexpected " + found + ": expected ':' after a key";
            }
            if (message.contains("comma to separate Object")) {
                return "unexpected " + found + ": expected ',' or '}'";
            }
            if (message.contains("comma to separate Array")) {
                return "unexpected " + found + ": expected ',' or ']'";
            }
            return "unexpected " + found + ": expected a value (a string, number, object, array, true, false or null)";
        }
        m = UNEXPECTED_CLOSE.matcher(message);
        if (m.find()) {
            return "unexpected '" + m.group(1) + "': expected '" + m.group(2) + "'";
        }
        m = TOKEN.matcher(message);
        if (m.find()) {
            return "unexpected \"" + m.group(1) + "\": expected a value (a string, number, object, array, true, false or null)";
        }
        if (message.startsWith("Illegal unquoted character")) {
            return "a control character inside a string must be escaped (like \\n)";
        }
        m = ESCAPE.matcher(message);
        if (m.find()) {
            int c = Integer.parseInt(m.group(1));
            return c > 0x20 && c < 0x7F ? "\"\\" + (char) c + "\" is not a JSON escape" : "a backslash before " + character(c) + " is not a JSON escape";
        }
        if (message.startsWith("Invalid numeric value") || message.contains("numeric value")) {
            return "not a valid JSON number";
        }
        if (message.contains("Invalid UTF-8") || message.contains("Invalid UTF-32")) {
            return "not UTF-8 text";
        }
        return "not valid JSON";
    }

    private static String character(int code) {
        if (code == 0xFEFF) {
            return "byte-order mark (U+FEFF)";
        }
        if (code < 0x20 || code == 0x7F || (code >= 0x80 && Character.isISOControl(code)) || !Character.isDefined(code)) {
            return String.format("character U+%04X", code);
        }
        return code == '\'' ? "\"'\"" : "'" + new String(Character.toChars(code)) + "'";
    }

    /** Locates a refusal: by its pointer in the text for a field, else where the reader stopped. */
    private static ReferralKitException place(ReferralKitException e, String text, Throwable failure, JsonParser parser, boolean byPointer) {
        int[] at = null;
        if (byPointer && text != null && e.pointer().isPresent()) {
            at = ReferralKitJson.find(text, e.pointer().get());
        }
        if (at == null && text != null) {
            at = location(failure);
        }
        if (at == null && text != null && parser != null) {
            at = valid(parser.currentLocation());
        }
        return at == null ? e : e.atLine(at[0], at[1]);
    }

    private static int[] location(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof JsonProcessingException) {
                int[] at = valid(((JsonProcessingException) t).getLocation());
                if (at != null) {
                    return at;
                }
            }
        }
        return null;
    }

    private static int[] valid(JsonLocation location) {
        if (location == null || location.getLineNr() < 1 || location.getColumnNr() < 1) {
            return null;
        }
        return new int[] {location.getLineNr(), location.getColumnNr()};
    }

    /** The pointer where the streaming reader stood, when it read text. */
    private static String parserPointer(Throwable failure, JsonParser parser) {
        JsonParser p = parser;
        if (p == null && failure instanceof JsonProcessingException
                && ((JsonProcessingException) failure).getProcessor() instanceof JsonParser) {
            p = (JsonParser) ((JsonProcessingException) failure).getProcessor();
        }
        if (p == null) {
            return null;
        }
        JsonStreamContext context = p.getParsingContext();
        return context == null ? null : context.pathAsPointer().toString();
    }

    private static String pointer(Throwable failure, JsonParser parser) {
        if (failure instanceof JsonMappingException) {
            return pointer((JsonMappingException) failure);
        }
        String pointer = parserPointer(failure, parser);
        return pointer == null ? "" : pointer;
    }

    /** The JSON pointer of a mapping failure's path. */
    static String pointer(JsonMappingException e) {
        StringBuilder out = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                out.append('/').append(escape(ref.getFieldName()));
            } else if (ref.getIndex() >= 0) {
                out.append('/').append(ref.getIndex());
            }
        }
        return out.toString();
    }

    /** RFC 6901: {@code ~} is {@code ~0}, {@code /} is {@code ~1}. */
    static String escape(String key) {
        return key.replace("~", "~0").replace("/", "~1");
    }

    /** {@code /rewards/payment/tiers/2} as {@code rewards.payment.tiers[2]}, for {@link ReferralKitException#field()}. */
    private static String dotted(String pointer) {
        StringBuilder out = new StringBuilder();
        for (String segment : pointer.substring(1).split("/", -1)) {
            String key = segment.replace("~1", "/").replace("~0", "~");
            if (!key.isEmpty() && key.chars().allMatch(Character::isDigit) && out.length() > 0) {
                out.append('[').append(key).append(']');
            } else {
                if (out.length() > 0) {
                    out.append('.');
                }
                out.append(key);
            }
        }
        return out.toString();
    }

    private static String knownKeys(UnrecognizedPropertyException e) {
        Collection<Object> ids = e.getKnownPropertyIds();
        if (ids == null || ids.isEmpty()) {
            return "none";
        }
        TreeSet<String> keys = new TreeSet<>();
        ids.forEach(id -> keys.add(String.valueOf(id)));
        return String.join(", ", keys);
    }

    private static String typeProperty(JavaType base) {
        JsonTypeInfo info = base == null ? null : base.getRawClass().getAnnotation(JsonTypeInfo.class);
        return info == null || info.property().isEmpty() ? "type" : info.property();
    }

    /** The registered type names of a polymorphic base type, sorted. */
    private static List<String> typeNames(JavaType base) {
        TreeSet<String> names = new TreeSet<>();
        if (base != null) {
            DeserializationConfig config = ReferralKitJson.mapper().getDeserializationConfig();
            AnnotatedClass annotated = config.introspectClassAnnotations(base).getClassInfo();
            for (NamedType type : ReferralKitJson.mapper().getSubtypeResolver().collectAndResolveSubtypesByTypeId(config, annotated)) {
                if (type.hasName()) {
                    names.add(type.getName());
                }
            }
        }
        return new ArrayList<>(names);
    }

    private static String expected(Class<?> type) {
        if (type == null) {
            return "another JSON type";
        }
        if (type == int.class || type == long.class || type == short.class || type == byte.class || type == Integer.class
                || type == Long.class || type == Short.class || type == Byte.class || type == BigInteger.class) {
            return "a whole number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (CharSequence.class.isAssignableFrom(type) || type.isEnum() || type == Instant.class || type == ZoneId.class
                || type == Currency.class || type == BigDecimal.class || type == char.class || type == Character.class) {
            return "a string";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        if (Map.class.isAssignableFrom(type)) {
            return "an object";
        }
        String name = type.getName();
        return name.startsWith("dev.referralkit.money.") ? "a string" : "an object";
    }

    private static String found(MismatchedInputException e, String message) {
        if (e.getProcessor() instanceof JsonParser) {
            JsonToken token = ((JsonParser) e.getProcessor()).currentToken();
            if (token != null) {
                switch (token) {
                    case VALUE_STRING:
                        return "a string";
                    case VALUE_NUMBER_INT:
                    case VALUE_NUMBER_FLOAT:
                        return "a number";
                    case VALUE_TRUE:
                    case VALUE_FALSE:
                        return "true or false";
                    case VALUE_NULL:
                        return "null";
                    case START_ARRAY:
                        return "an array";
                    case START_OBJECT:
                    case FIELD_NAME:
                        return "an object";
                    default:
                }
            }
        }
        if (message.startsWith("Cannot map `null`")) {
            return "null";
        }
        Matcher m = FOUND.matcher(message);
        if (m.find()) {
            switch (m.group(1)) {
                case "String":
                    return "a string";
                case "Integer":
                case "Floating-point":
                    return "a number";
                case "Boolean":
                    return "true or false";
                case "Array":
                    return "an array";
                case "Null":
                    return "null";
                default:
                    return "an object";
            }
        }
        return "another JSON type";
    }

    private static String abbreviate(String value) {
        return value.length() <= 64 ? value : value.substring(0, 61) + "...";
    }
}
