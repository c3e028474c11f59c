package dev.referralkit.json;

import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * Lower-case JSON names for enums (FORMATS.md: enums in programs and events are lower case). Each
 * enum keeps its own {@code @JsonCreator}/{@code @JsonValue} and delegates here, so a bad value is
 * refused with a message that lists what is allowed.
 */
public final class JsonEnums {
    private JsonEnums() {
    }

    /**
     * The JSON name of a constant.
     *
     * @param constant an enum constant
     * @return its name in lower case
     */
    public static String name(Enum<?> constant) {
        return NAMES.get(constant.getDeclaringClass())[constant.ordinal()];
    }

    private static final ClassValue<String[]> NAMES = new ClassValue<>() {
        @Override
        protected String[] computeValue(Class<?> type) {
            Object[] constants = type.getEnumConstants();
            String[] names = new String[constants.length];
            for (int i = 0; i < constants.length; i++) {
                names[i] = ((Enum<?>) constants[i]).name().toLowerCase(Locale.ROOT);
            }
            return names;
        }
    };

    /**
     * Reads a lower-case name.
     *
     * @param <E>   the enum
     * @param type  the enum class
     * @param code  the code to refuse with
     * @param field the field, for the message
     * @param text  the JSON name
     * @return the constant
     * @throws ReferralKitException if no constant has that lower-case name
     */
    public static <E extends Enum<E>> E parse(Class<E> type, RejectionCode code, String field, String text) {
        StringJoiner allowed = new StringJoiner(", ");
        for (E constant : type.getEnumConstants()) {
            String name = name(constant);
            if (name.equals(text)) {
                return constant;
            }
            allowed.add(name);
        }
        throw ReferralKitException.invalid(code, field, text, "is not one of " + allowed);
    }
}
