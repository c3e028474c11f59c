package dev.referralkit.program;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The fields a condition may read (SPEC.md §5): the built-in ones, always known, and attributes,
 * {@code customer.<name>}, {@code partner.<name>} and {@code event.<name>}, which a program declares in
 * {@link Program#attributes()}. Also the one wording of "not a known field", with a suggestion for a
 * misspelling.
 */
public final class ConditionFields {
    /** The built-in fields, always known. */
    public static final List<String> BUILT_IN = List.of("partner.id", "partner.group", "event.product", "event.amount",
            "event.currency", "payment.number", "payment.month", "lead.stage");
    /** The scopes whose other fields are attributes. */
    public static final List<String> ATTRIBUTE_SCOPES = List.of("customer", "partner", "event");

    private ConditionFields() {
    }

    /**
     * Whether a field has a condition field's shape: built in, or {@code <scope>.<name>} for an
     * attribute scope.
     *
     * @param field a field like {@code event.product}
     * @return true if some program could read it
     */
    public static boolean isWellFormed(String field) {
        return BUILT_IN.contains(field) || attributeScope(field).isPresent();
    }

    /**
     * The attribute scope of a field that is not built in.
     *
     * @param field a field like {@code customer.plan}
     * @return {@code customer}, {@code partner} or {@code event}; empty for a built-in field or another shape
     */
    public static Optional<String> attributeScope(String field) {
        int dot = field.indexOf('.');
        if (dot <= 0 || dot == field.length() - 1 || BUILT_IN.contains(field)) {
            return Optional.empty();
        }
        String scope = field.substring(0, dot);
        return ATTRIBUTE_SCOPES.contains(scope) ? Optional.of(scope) : Optional.empty();
    }

    /**
     * The fields a program knows, sorted: the built-in ones and its declared attributes, or, without
     * declarations, the attribute patterns ({@code customer.<attribute>}).
     *
     * @param declared the program's declarations, if it has them
     * @return the known fields
     */
    public static List<String> known(Optional<AttributeNames> declared) {
        TreeSet<String> known = new TreeSet<>(BUILT_IN);
        for (String scope : ATTRIBUTE_SCOPES) {
            if (declared.isPresent()) {
                declared.get().of(scope).forEach(name -> known.add(scope + "." + name));
            } else {
                known.add(scope + ".<attribute>");
            }
        }
        return new ArrayList<>(known);
    }

    /**
     * {@code "event.prodcut" is not a known field; known: …; did you mean "event.product"?}
     *
     * @param field the field
     * @param known the known fields
     * @return the message
     */
    public static String notKnown(String field, Collection<String> known) {
        return "\"" + field + "\" is not a known field; known: " + String.join(", ", known)
                + suggestion(field, known).map(s -> "; did you mean \"" + s + "\"?").orElse("");
    }

    /**
     * The known field closest to a misspelt one: at most two edits (a transposition is one), and
     * fewer than a third of its length; ties go to the first in order.
     *
     * @param field the field as written
     * @param known the known fields; patterns with {@code <} are skipped
     * @return the suggestion, if one is close enough
     */
    public static Optional<String> suggestion(String field, Collection<String> known) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        int limit = Math.min(2, Math.max(1, field.length() / 3 - 1));
        for (String candidate : known) {
            if (candidate.contains("<") || candidate.equals(field)) {
                continue;
            }
            int d = distance(field, candidate, limit);
            if (d <= limit && d < bestDistance) {
                best = candidate;
                bestDistance = d;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Optimal string alignment distance (Levenshtein with adjacent transpositions), capped above {@code limit}. */
    static int distance(String a, String b, int limit) {
        if (Math.abs(a.length() - b.length()) > limit) {
            return limit + 1;
        }
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) {
            d[i][0] = i;
        }
        for (int j = 0; j <= b.length(); j++) {
            d[0][j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
                }
            }
        }
        return d[a.length()][b.length()];
    }
}
