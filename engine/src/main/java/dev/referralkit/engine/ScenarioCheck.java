package dev.referralkit.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import dev.referralkit.money.Decimals;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The comparison of a scenario's result with its {@code expect} (FORMATS.md §3): each object under
 * {@code expect.entries|payouts|balances|rejected|bindings} (and, extension of docs/payouts.md,
 * {@code decisions|holds|withheld|statements}) must equal one result object on every key
 * it gives (amounts compared as decimals, so {@code "18"} equals {@code "18.00"}); a result object
 * matches at most one expected object (maximum bipartite matching, so the order of expectations does
 * not matter); with {@code exactEntries} no result entry may be left unmatched. Every expectation that
 * does not hold is reported ({@link #differences()}), each with the closest result objects.
 */
public final class ScenarioCheck {
    private static final List<String> LISTS = List.of("entries", "payouts", "balances", "rejected", "bindings", "decisions", "holds",
            "withheld", "statements");
    private static final Set<String> EXPECT_KEYS = Set.of("entries", "payouts", "balances", "rejected", "bindings", "exactEntries",
            "decisions", "holds", "withheld", "statements");
    private static final Set<String> DECIMAL_KEYS = Set.of("amount", "pending", "available", "paid", "weight", "held", "opening", "closing",
            "COMMISSION", "TRUE_UP", "BONUS", "PARENT_SHARE", "REVERSAL", "PAYOUT", "PAYOUT_REVERSAL");

    private static final List<String> IDENTITY_KEYS = List.of("id", "kind", "partner", "event", "run", "customer", "currency", "code",
            "entry", "hold", "period");
    private static final int SHOWN_CANDIDATES = 3;

    private final String name;
    private final List<Difference> differences;
    private final ObjectNode result;

    private ScenarioCheck(String name, List<Difference> differences, ObjectNode result) {
        this.name = name;
        this.differences = List.copyOf(differences);
        this.result = result;
    }

    /**
     * One expectation that did not hold.
     *
     * @param message the expectation, one line: {@code expected entries object not found: {...}} or
     *                {@code unexpected entry (exactEntries): {...}}
     * @param details what came out instead, one line each: for an expected object not found, the closest
     *                result objects of that list ({@code actual: {...}}, at most three, those that share
     *                the most of its identifying keys {@code id, kind, partner, event, run, customer,
     *                currency, code}, then the most of its other keys; among equals, first those that no
     *                other expected object matched), each followed by its differing keys
     *                indented by two spaces ({@code   amount: expected "11.00", actual "10.00"}); or why
     *                there is none; empty for an unexpected entry
     */
    public record Difference(String message, List<String> details) {
        /**
         * @param message the expectation, not null
         * @param details what came out instead, not null
         */
        public Difference {
            java.util.Objects.requireNonNull(message, "message");
            details = List.copyOf(details);
        }
    }

    static void validate(JsonNode expect) {
        if (!expect.isObject()) {
            throw ReferralKitException.of(RejectionCode.INVALID_PROGRAM, "/expect", null, "/expect must be an object");
        }
        for (Iterator<String> it = expect.fieldNames(); it.hasNext();) {
            String key = it.next();
            if (!EXPECT_KEYS.contains(key)) {
                throw ReferralKitException.of(RejectionCode.INVALID_PROGRAM, "/expect/" + key, null, "/expect/" + key
                        + " is not a known key; allowed: balances, bindings, decisions, entries, exactEntries, holds, payouts, rejected, "
                        + "statements, withheld");
            }
            if (!key.equals("exactEntries") && !expect.get(key).isArray()) {
                throw ReferralKitException.of(RejectionCode.INVALID_PROGRAM, "/expect/" + key, null, "/expect/" + key + " must be an array");
            }
        }
    }

    static ScenarioCheck compare(String name, ObjectNode result, Optional<JsonNode> expect) {
        List<Difference> differences = new ArrayList<>();
        if (expect.isEmpty()) {
            return new ScenarioCheck(name, differences, result);
        }
        JsonNode exp = expect.get();
        for (String list : LISTS) {
            List<JsonNode> wanted = new ArrayList<>();
            exp.path(list).forEach(wanted::add);
            List<JsonNode> got = new ArrayList<>();
            result.path(list).forEach(got::add);
            int[] matchOfGot = new int[got.size()];
            java.util.Arrays.fill(matchOfGot, -1);
            List<Integer> missing = new ArrayList<>();
            for (int w = 0; w < wanted.size(); w++) {
                if (!augment(w, wanted, got, matchOfGot, new boolean[got.size()])) {
                    missing.add(w);
                }
            }
            // reported once the matching is maximal, so "matched by another expected object" is final
            for (int w : missing) {
                differences.add(new Difference("expected " + list + " object not found: " + wanted.get(w),
                        closest(list, wanted.get(w), got, matchOfGot)));
            }
            if (list.equals("entries") && exp.path("exactEntries").asBoolean(false)) {
                for (int g = 0; g < got.size(); g++) {
                    if (matchOfGot[g] < 0) {
                        differences.add(new Difference("unexpected entry (exactEntries): " + got.get(g), List.of()));
                    }
                }
            }
        }
        return new ScenarioCheck(name, differences, result);
    }

    /** The result objects closest to an expected object that none matched, each with its differing keys. */
    private static List<String> closest(String list, JsonNode wanted, List<JsonNode> got, int[] matchOfGot) {
        if (got.isEmpty()) {
            return List.of("no " + list + " in the result");
        }
        List<String> identity = new ArrayList<>();
        IDENTITY_KEYS.stream().filter(wanted::has).forEach(identity::add);
        int best = 0;
        List<Integer> top = new ArrayList<>();
        for (int g = 0; g < got.size(); g++) {
            int score = 0;
            for (Iterator<String> it = wanted.fieldNames(); it.hasNext();) {
                String k = it.next();
                if (got.get(g).has(k) && matches(wanted.get(k), got.get(g).get(k), k)) {
                    score += identity.contains(k) ? 1000 : 1;
                }
            }
            boolean sharesIdentity = identity.isEmpty() || score >= 1000;
            if (!sharesIdentity || score == 0) {
                continue;
            }
            if (score > best) {
                best = score;
                top.clear();
            }
            if (score == best) {
                top.add(g);
            }
        }
        if (top.isEmpty()) {
            return List.of(identity.isEmpty() ? "no " + list + " object has any of its values"
                    : "no " + list + " object has the same " + String.join(" or ", identity));
        }
        // as close: those no other expectation took first (the likelier culprits), each group in result order
        top.sort(java.util.Comparator.comparing(g -> matchOfGot[g] >= 0));
        List<String> details = new ArrayList<>();
        for (int g : top.subList(0, Math.min(top.size(), SHOWN_CANDIDATES))) {
            JsonNode actual = got.get(g);
            details.add("actual" + (matchOfGot[g] >= 0 ? " (matched by another expected object)" : "") + ": " + actual);
            for (Iterator<String> it = wanted.fieldNames(); it.hasNext();) {
                String k = it.next();
                if (!actual.has(k)) {
                    details.add("  " + k + ": expected " + wanted.get(k) + ", actual absent");
                } else if (!matches(wanted.get(k), actual.get(k), k)) {
                    details.add("  " + k + ": expected " + wanted.get(k) + ", actual " + actual.get(k));
                }
            }
        }
        if (top.size() > SHOWN_CANDIDATES) {
            details.add("and " + (top.size() - SHOWN_CANDIDATES) + " more as close");
        }
        return details;
    }

    private static boolean augment(int w, List<JsonNode> wanted, List<JsonNode> got, int[] matchOfGot, boolean[] seen) {
        for (int g = 0; g < got.size(); g++) {
            if (!seen[g] && matches(wanted.get(w), got.get(g), null)) {
                seen[g] = true;
                if (matchOfGot[g] < 0 || augment(matchOfGot[g], wanted, got, matchOfGot, seen)) {
                    matchOfGot[g] = w;
                    return true;
                }
            }
        }
        return false;
    }

    /** Does {@code actual} give every key of {@code expected} with an equal value? */
    static boolean matches(JsonNode expected, JsonNode actual, String key) {
        if (expected.isObject()) {
            if (!actual.isObject()) {
                return false;
            }
            for (Iterator<String> it = expected.fieldNames(); it.hasNext();) {
                String k = it.next();
                if (!actual.has(k) || !matches(expected.get(k), actual.get(k), k)) {
                    return false;
                }
            }
            return true;
        }
        if (expected.isArray()) {
            if (!actual.isArray() || actual.size() != expected.size()) {
                return false;
            }
            for (int i = 0; i < expected.size(); i++) {
                if (!matches(expected.get(i), actual.get(i), key)) {
                    return false;
                }
            }
            return true;
        }
        if (key != null && DECIMAL_KEYS.contains(key) && expected.isTextual() && actual.isTextual()) {
            BigDecimal a = decimal(expected.textValue());
            BigDecimal b = decimal(actual.textValue());
            if (a != null && b != null) {
                return a.compareTo(b) == 0;
            }
        }
        return expected.equals(actual);
    }

    private static BigDecimal decimal(String text) {
        try {
            return Decimals.parsePlain(RejectionCode.INVALID_AMOUNT, "value", text);
        } catch (ReferralKitException e) {
            return null;
        }
    }

    /** @return the scenario's name */
    public String name() {
        return name;
    }

    /** @return whether every expectation held */
    public boolean passed() {
        return differences.isEmpty();
    }

    /** @return the first difference's message, if it failed */
    public Optional<String> difference() {
        return differences.stream().findFirst().map(Difference::message);
    }

    /**
     * @return every expectation that did not hold, in the order of {@code entries, payouts, balances,
     *         rejected, bindings, decisions, holds, withheld, statements} and of each list; empty when it passed
     */
    public List<Difference> differences() {
        return differences;
    }

    /** @return the result as JSON (FORMATS.md §3) */
    public ObjectNode result() {
        return result;
    }
}
