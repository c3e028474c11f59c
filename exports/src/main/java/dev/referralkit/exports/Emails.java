package dev.referralkit.exports;

/**
 * The e-mail shape the writers accept: {@code local@domain} in ASCII, as providers take addresses
 * (PayPal: "single-byte characters").
 * <ul>
 * <li>at most 254 characters in all (RFC 5321's path limit less the brackets), the local part at most 64;</li>
 * <li>the local part is dot-separated RFC 5322 atoms ({@code A-Z a-z 0-9 ! # $ % & ' * + - / = ? ^ _ ` { | } ~}):
 *     no quoted local parts, no leading, trailing or doubled dot;</li>
 * <li>the domain has at least two labels of 1 to 63 letters, digits and hyphens, not starting or ending
 *     with a hyphen; the last label is not all digits. Internationalised domains are given in their
 *     {@code xn--} form.</li>
 * </ul>
 * This is a shape check, not a deliverability check.
 */
final class Emails {
    static final int MAX_LENGTH = 254;
    static final int MAX_LOCAL = 64;

    private Emails() {
    }

    /** @return null if the text has the shape of an e-mail address, else what is wrong, in a few words */
    static String problem(String text) {
        if (text.length() > MAX_LENGTH) {
            return "is longer than " + MAX_LENGTH + " characters";
        }
        int at = text.indexOf('@');
        if (at < 0 || at != text.lastIndexOf('@')) {
            return "is not an e-mail address (one '@' between a local part and a domain)";
        }
        String local = text.substring(0, at);
        String domain = text.substring(at + 1);
        if (local.isEmpty() || local.length() > MAX_LOCAL) {
            return "is not an e-mail address (the part before '@' has 1 to " + MAX_LOCAL + " characters)";
        }
        if (!localPart(local)) {
            return "is not an e-mail address (the part before '@' holds a character or dot an address cannot have)";
        }
        if (!domain(domain)) {
            return "is not an e-mail address (the domain must be labels of letters, digits and '-' separated by dots)";
        }
        return null;
    }

    private static boolean localPart(String local) {
        if (local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
            return false;
        }
        for (int i = 0; i < local.length(); i++) {
            char c = local.charAt(i);
            if (!(isAlnum(c) || c == '.' || "!#$%&'*+-/=?^_`{|}~".indexOf(c) >= 0)) {
                return false;
            }
        }
        return true;
    }

    private static boolean domain(String domain) {
        String[] labels = domain.split("\\.", -1);
        if (labels.length < 2) {
            return false;
        }
        for (String label : labels) {
            if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")) {
                return false;
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                if (!isAlnum(c) && c != '-') {
                    return false;
                }
            }
        }
        return !labels[labels.length - 1].chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static boolean isAlnum(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
}
