package dev.referralkit.exports;

import java.util.Locale;

/**
 * IBANs (ISO 13616). An IBAN is accepted with spaces between groups and in either case, and written
 * in its electronic form: upper case, no spaces. It must have 15 to 34 characters, start with two
 * letters (the country) and two digits (the check digits), continue with letters and digits, and pass
 * the ISO 7064 mod-97 check (the remainder is 1). Country-specific lengths are not checked: the
 * mod-97 check catches any single wrong character and any swap of two neighbours.
 */
final class Ibans {
    static final int MIN_LENGTH = 15;
    static final int MAX_LENGTH = 34;

    private Ibans() {
    }

    /** @return the electronic form (upper case, no spaces) */
    static String normalize(String text) {
        return text.replace(" ", "").toUpperCase(Locale.ROOT);
    }

    /** @return null if the electronic form is a valid IBAN, else what is wrong */
    static String problem(String iban) {
        if (iban.length() < MIN_LENGTH || iban.length() > MAX_LENGTH) {
            return "is not an IBAN (" + MIN_LENGTH + " to " + MAX_LENGTH + " letters and digits, has " + iban.length() + ")";
        }
        if (!letter(iban.charAt(0)) || !letter(iban.charAt(1)) || !digit(iban.charAt(2)) || !digit(iban.charAt(3))) {
            return "is not an IBAN (a country code and two check digits first)";
        }
        int remainder = 0;
        for (int i = 0; i < iban.length(); i++) {
            char c = iban.charAt((i + 4) % iban.length());
            if (digit(c)) {
                remainder = (remainder * 10 + (c - '0')) % 97;
            } else if (letter(c)) {
                remainder = (remainder * 100 + (c - 'A' + 10)) % 97;
            } else {
                return "is not an IBAN (only letters and digits)";
            }
        }
        return remainder == 1 ? null : "fails the IBAN check digits (mod 97)";
    }

    private static boolean letter(char c) {
        return c >= 'A' && c <= 'Z';
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }
}
