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
 * {@code expect.entries|payouts|balances|rejected|bindings} must equal one result object on every key
 * it gives (amounts compared as decimals, so {@code "18"} equals {@code "18.00"}); a result object
 * matches at most one expected object (maximum bipartite matching, so the order of expectations does
 * not matter); with {@code exactEntries} no result entry may be left unmatched.
 */
public final class ScenarioCheck {
    private static final List<String> LISTS = List.of("entries", "payouts", "balances", "rejected", "bindings");
    private static final Set<String> EXPECT_KEYS = Set.of("entries", "payouts", "balances", "rejected", "bindings", "exactEntries");
    private static final Set<String> DECIMAL_KEYS = Set.of("amount", "pending", "available", "paid", "weight");

    private final String name;
    private final boolean passed;
    private final String difference;
    private final ObjectNode result;

    private ScenarioCheck(String name, boolean passed, String difference, ObjectNode result) {
        this.name = name;
        this.passed = passed;
        this.difference = difference;
        this.result = result;
    }

    static void validate(JsonNode expect) {
        if (!expect.isObject()) {
            throw ReferralKitException.of(RejectionCode.INVALID_PROGRAM, "/expect", null, "/expect must be an object");
        }
        for (Iterator<String> it = expect.fieldNames(); it.hasNext();) {
            String key = it.next();
            if (!EXPECT_KEYS.contains(key)) {
                throw ReferralKitException.of(RejectionCode.INVALID_PROGRAM, "/expect/" + key, null, "/expect/" + key
                        + " is not a known key; allowed: balances, bindings, entries, exactEntries, payouts, rejected");
            }
            if (!key.equals("exactEntries") && !expect.get(key).isArray()) {
                throw ReferralKitException.of(RejectionCode.INVALID_PROGRAM, "/expect/" + key, null, "/expect/" + key + " must be an array");
            }
        }
    }

    static ScenarioCheck compare(String name, ObjectNode result, Optional<JsonNode> expect) {
        if (expect.isEmpty()) {
            return new ScenarioCheck(name, true, null, result);
        }
        JsonNode exp = expect.get();
        for (String list : LISTS) {
            List<JsonNode> wanted = new ArrayList<>();
            exp.path(list).forEach(wanted::add);
            List<JsonNode> got = new ArrayList<>();
            result.path(list).forEach(got::add);
            int[] matchOfGot = new int[got.size()];
            java.util.Arrays.fill(matchOfGot, -1);
            for (int w = 0; w < wanted.size(); w++) {
                if (!augment(w, wanted, got, matchOfGot, new boolean[got.size()])) {
                    return new ScenarioCheck(name, false, "expected " + list + " object not found: " + wanted.get(w), result);
                }
            }
            if (list.equals("entries") && exp.path("exactEntries").asBoolean(false)) {
                for (int g = 0; g < got.size(); g++) {
                    if (matchOfGot[g] < 0) {
                        return new ScenarioCheck(name, false, "unexpected entry (exactEntries): " + got.get(g), result);
                    }
                }
            }
        }
        return new ScenarioCheck(name, true, null, result);
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
        return passed;
    }

    /** @return the first difference, if it failed */
    public Optional<String> difference() {
        return Optional.ofNullable(difference);
    }

    /** @return the result as JSON (FORMATS.md §3) */
    public ObjectNode result() {
        return result;
    }
}
