package dev.referralkit.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import dev.referralkit.ledger.Explanation;
import dev.referralkit.money.Currencies;
import dev.referralkit.money.Decimals;
import dev.referralkit.money.Percent;
import dev.referralkit.money.Ratio;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Currency;

/**
 * The scalar forms of FORMATS.md: decimals as JSON strings holding plain decimals (never JSON
 * numbers), instants as ISO-8601 strings with {@code Z} or an offset, currencies as ISO-4217 codes,
 * time zones as region ids.
 *
 * <p>A decimal keeps the scale it was written with ({@code "100.000"} is 100.000, scale 3): the value
 * that holds it checks the decimals against its currency before normalising (SPEC.md §2).
 */
final class ReferralKitModule extends SimpleModule {
    private static final long serialVersionUID = 1L;
    private static final int MAX_INSTANT_LENGTH = 40;

    ReferralKitModule() {
        super("referralkit");
        addSerializer(Explanation.class, new StdScalarSerializer<>(Explanation.class) {
            private static final long serialVersionUID = 1L;

            @Override
            public void serialize(Explanation value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeString(value.text());
            }
        });
        addDeserializer(Explanation.class, new StdScalarDeserializer<>(Explanation.class) {
            private static final long serialVersionUID = 1L;

            @Override
            public Explanation deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                return Explanation.of("text", requireString(p, RejectionCode.INVALID_EVENT));
            }
        });
        addSerializer(BigDecimal.class, new StdScalarSerializer<>(BigDecimal.class) {
            private static final long serialVersionUID = 1L;

            @Override
            public void serialize(BigDecimal value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeString(value.toPlainString());
            }
        });
        addDeserializer(BigDecimal.class, new StdScalarDeserializer<>(BigDecimal.class) {
            private static final long serialVersionUID = 1L;

            @Override
            public BigDecimal deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                String field = fieldName(p);
                if (p.currentToken() != JsonToken.VALUE_STRING) {
                    throw ReferralKitException.invalid(RejectionCode.INVALID_AMOUNT, field, p.getText(),
                            "must be a JSON string holding a plain decimal");
                }
                return Decimals.parsePlain(RejectionCode.INVALID_AMOUNT, field, p.getText());
            }
        });
        addDeserializer(Percent.class, new StdScalarDeserializer<>(Percent.class) {
            private static final long serialVersionUID = 1L;

            @Override
            public Percent deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                String field = fieldName(p);
                if (p.currentToken() != JsonToken.VALUE_STRING) {
                    throw ReferralKitException.invalid(RejectionCode.INVALID_AMOUNT, field, p.getText(),
                            "must be a JSON string holding a plain decimal");
                }
                return Percent.parse(field, p.getText());
            }
        });
        addSerializer(Ratio.class, new StdScalarSerializer<>(Ratio.class) {
            private static final long serialVersionUID = 1L;

            @Override
            public void serialize(Ratio value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeString(value.toDecimalString());
            }
        });
        addDeserializer(Ratio.class, new StdScalarDeserializer<>(Ratio.class) {
            private static final long serialVersionUID = 1L;

            @Override
            public Ratio deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                String text = requireString(p, RejectionCode.INVALID_AMOUNT);
                return Ratio.of(Decimals.parsePlain(RejectionCode.INVALID_AMOUNT, fieldName(p), text));
            }
        });
        addSerializer(Instant.class, new StdScalarSerializer<>(Instant.class) {
            private static final long serialVersionUID = 1L;

            @Override
            public void serialize(Instant value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeString(value.toString());
            }
        });
        addDeserializer(Instant.class, new StdScalarDeserializer<>(Instant.class) {
            private static final long serialVersionUID = 1L;

            @Override
            public Instant deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                return parseInstant(fieldName(p), requireString(p, RejectionCode.INVALID_EVENT));
            }
        });
        addSerializer(Currency.class, new StdScalarSerializer<>(Currency.class) {
            private static final long serialVersionUID = 1L;

            @Override
            public void serialize(Currency value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeString(value.getCurrencyCode());
            }
        });
        addDeserializer(Currency.class, new StdScalarDeserializer<>(Currency.class) {
            private static final long serialVersionUID = 1L;

            @Override
            public Currency deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                return Currencies.of(fieldName(p), requireString(p, RejectionCode.INVALID_EVENT));
            }
        });
        addSerializer(ZoneId.class, new StdScalarSerializer<>(ZoneId.class) {
            private static final long serialVersionUID = 1L;

            @Override
            public void serialize(ZoneId value, JsonGenerator gen, SerializerProvider provider) throws IOException {
                gen.writeString(value.getId());
            }
        });
        addDeserializer(ZoneId.class, new StdScalarDeserializer<>(ZoneId.class) {
            private static final long serialVersionUID = 1L;

            @Override
            public ZoneId deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                String text = requireString(p, RejectionCode.INVALID_PROGRAM);
                try {
                    return ZoneId.of(text);
                } catch (DateTimeException e) {
                    throw ReferralKitException.invalid(RejectionCode.INVALID_PROGRAM, fieldName(p), text,
                            "is not a time zone id such as UTC or Europe/Berlin");
                }
            }
        });
    }

    /**
     * Parses an instant: ISO-8601 with {@code Z} or an offset.
     *
     * @param field the field, for the message
     * @param text  the text
     * @return the instant
     */
    static Instant parseInstant(String field, String text) {
        Instant usual = InstantText.direct(text);
        if (usual != null) {
            return usual;
        }
        if (text.length() <= MAX_INSTANT_LENGTH) {
            try {
                return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
            } catch (DateTimeException e) {
                // fall through to the one message
            }
        }
        throw ReferralKitException.invalid(RejectionCode.INVALID_EVENT, field, text,
                "is not an ISO-8601 instant with Z or an offset, like 2026-01-01T10:00:00Z");
    }

    private static String requireString(JsonParser p, RejectionCode code) throws IOException {
        if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw ReferralKitException.invalid(code, fieldName(p), p.getText(), "must be a JSON string");
        }
        return p.getText();
    }

    /** The key of the value being read, or {@code key[i]} for an element of an array under a key. */
    private static String fieldName(JsonParser p) throws IOException {
        String name = p.currentName();
        if (name != null) {
            return name;
        }
        JsonStreamContext context = p.getParsingContext();
        if (context != null && context.inArray() && context.getParent() != null && context.getParent().getCurrentName() != null) {
            return context.getParent().getCurrentName() + "[" + context.getCurrentIndex() + "]";
        }
        return "value";
    }
}
