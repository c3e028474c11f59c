package dev.referralkit.program;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import dev.referralkit.money.Currencies;
import dev.referralkit.money.Money;
import dev.referralkit.money.Rounding;
import java.math.BigDecimal;
import java.time.ZoneId;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * One referral or affiliate program (FORMATS.md §1). Every key but {@code currency} is optional;
 * the defaults are those of FORMATS.md. Reading JSON checks each node; {@link #validate()} then
 * checks the plan as a whole (tier order, recurring limits, condition fields) with messages that
 * name the JSON path.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableProgram.class)
@JsonDeserialize(as = ImmutableProgram.class)
@JsonPropertyOrder({"currency", "timeZone", "rounding", "holdDays", "attribution", "rewards", "groups", "bonuses",
    "parentShare", "payout", "fx", "retention", "attributes", "lifecycle", "registrations", "levels", "versions", "risk", "tax"})
public interface Program {
    /** @return the program currency: flat amounts, caps, bonuses and revenue volumes are in it */
    Currency currency();

    /** @return the time zone of periods and payment months */
    @Value.Default
    default ZoneId timeZone() {
        return ZoneId.of("UTC");
    }

    /** @return how finished amounts are rounded */
    @Value.Default
    default Rounding rounding() {
        return Rounding.HALF_EVEN;
    }

    /** @return days a commission is held before it is available */
    @Value.Default
    default int holdDays() {
        return 30;
    }

    /** @return attribution settings */
    @Value.Default
    default AttributionSettings attribution() {
        return ImmutableAttributionSettings.builder().build();
    }

    /** @return the program's rewards */
    @Value.Default
    default Rewards rewards() {
        return Rewards.none();
    }

    /** @return groups by name */
    Map<String, Group> groups();

    /** @return threshold bonuses */
    List<Bonus> bonuses();

    /** @return multi-level shares */
    Optional<ParentShare> parentShare();

    /** @return payout terms */
    @Value.Default
    default PayoutTerms payout() {
        return ImmutablePayoutTerms.builder().build();
    }

    /** @return value of one unit of a currency in the program currency, by ISO code */
    Map<String, BigDecimal> fx();

    /**
     * @return what the engine keeps for re-deliveries and refunds (docs/engine.md §4); everything by default,
     *         which is not written back to JSON (so programs without the key round-trip byte for byte)
     */
    @Value.Default
    @com.fasterxml.jackson.annotation.JsonInclude(value = com.fasterxml.jackson.annotation.JsonInclude.Include.CUSTOM,
            valueFilter = Retention.KeepAllFilter.class)
    default Retention retention() {
        return Retention.keepAll();
    }

    /**
     * @return the attribute names conditions may read (extension); present makes the program strict about
     *         attribute fields, absent reads any attribute and reports it in {@link #warnings()}
     */
    Optional<AttributeNames> attributes();

    /** @return the lead lifecycle's intermediate stages (extension, docs/lifecycle.md §1) */
    Optional<Lifecycle> lifecycle();

    /** @return the lifecycle: the program's, or one without intermediate stages */
    default Lifecycle leadLifecycle() {
        return lifecycle().orElseGet(Lifecycle::standard);
    }

    /** @return how deal registrations work (extension, docs/lifecycle.md §2) */
    Optional<Registrations> registrations();

    /** @return partner levels (extension, docs/lifecycle.md §3) */
    Optional<Levels> levels();

    /** @return versions of the terms, ascending by {@code from} (extension, docs/lifecycle.md §4); not written when empty */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
    java.util.List<Version> versions();

    /**
     * @return the risk checks (extension; docs/payouts.md §1), in the order they screen; none by default (not
     *         written to JSON when empty)
     */
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
    List<dev.referralkit.risk.RiskCheck> risk();

    /** @return the tax thresholds (extension; docs/payouts.md §4), if any */
    Optional<TaxSettings> tax();

    /**
     * What loads but deserves a look, each starting with the JSON pointer of its key: a condition reading
     * an attribute that a program without {@code attributes} does not declare (maybe a misspelt field).
     * {@link #parse} also logs them at WARN.
     *
     * @return the warnings, empty when there are none
     * @throws ReferralKitException {@code INVALID_PROGRAM} if the plan is invalid (see {@link #validate()})
     */
    @Value.Lazy
    default List<String> warnings() {
        return ProgramChecks.warnings(this);
    }

    /**
     * Reads a program from JSON (FORMATS.md §1) and checks it as a whole.
     *
     * @param json the program object
     * @return the program
     * @throws ReferralKitException {@code INVALID_PROGRAM}, located at the line, column and JSON pointer of the fault
     */
    static Program parse(String json) {
        return ProgramChecks.logged(dev.referralkit.json.ReferralKitJson.readDocument(json, Program.class, Program::validate));
    }

    /** @return the rates as an {@link Fx} */
    @Value.Lazy
    default Fx rates() {
        Map<Currency, BigDecimal> rates = new LinkedHashMap<>();
        fx().forEach((code, rate) -> rates.put(Currencies.of(RejectionCode.INVALID_PROGRAM, "fx", code), rate));
        return new Fx(currency(), rates);
    }

    /**
     * The minimum payout in a currency.
     *
     * @param currency a currency
     * @return the minimum, if the program sets one
     */
    default Optional<Money> minimumPayout(Currency currency) {
        BigDecimal min = payout().minimum().get(currency.getCurrencyCode());
        return min == null ? Optional.empty() : Optional.of(Money.of("payout.minimum", min, currency));
    }

    /**
     * Checks the plan as a whole: every reward tree in its place (tiers, recurring limits,
     * conditions), with messages naming the JSON path.
     *
     * @return this
     * @throws ReferralKitException {@code INVALID_PROGRAM}
     */
    default Program validate() {
        ProgramChecks.validate(this);
        return this;
    }

    /**
     * Checks a set of rewards in its place as this program reads it, like a partner's own rewards: the
     * trees ({@link #validateRewards}) and the fields their conditions read, against {@link #attributes()}.
     *
     * @param path    the dotted path of the rewards object, like {@code rewards}
     * @param rewards the rewards
     * @return the warnings (see {@link #warnings()}), each starting with the JSON pointer of its key
     * @throws ReferralKitException {@code INVALID_PROGRAM} naming the path
     */
    default List<String> checkRewards(String path, Rewards rewards) {
        return ProgramChecks.checkRewards(this, path, rewards);
    }

    /**
     * Checks one set of rewards in its place, without the fields of conditions (see {@link #checkRewards}).
     *
     * @param path     the JSON path of the rewards object
     * @param rewards  the rewards
     * @param currency the program currency
     */
    static void validateRewards(String path, Rewards rewards, Currency currency) {
        for (Rewards.Tree t : rewards.trees()) {
            t.reward().validate(path + "." + t.key(), t.trigger(), currency);
        }
    }

    /** Checks scalar settings. */
    @Value.Check
    default void check() {
        Money.digits(currency());
        if (holdDays() < 0 || holdDays() > 36_500) {
            throw ReferralKitException.invalid(RejectionCode.INVALID_PROGRAM, "holdDays", Integer.toString(holdDays()),
                    "must be between 0 and 36500");
        }
        fx().forEach((code, rate) -> {
            Currencies.of(RejectionCode.INVALID_PROGRAM, "fx", code);
            if (rate.signum() <= 0 || rate.scale() > 12 || rate.precision() - rate.scale() > 9) {
                throw ReferralKitException.invalid(RejectionCode.INVALID_PROGRAM, "fx." + code, rate.toPlainString(),
                        "must be a positive rate below 10^9 with at most 12 decimals");
            }
        });
        payout().minimum().forEach((code, min) -> {
            Currency c = Currencies.of(RejectionCode.INVALID_PROGRAM, "payout.minimum", code);
            Money.ofWritten("payout.minimum." + code, min, c).requireNonNegative("payout.minimum." + code);
        });
        for (int i = 0; i < bonuses().size(); i++) {
            Money.ofWritten("bonuses[" + i + "].amount", bonuses().get(i).amount(), currency());
        }
        for (int i = 1; i < versions().size(); i++) {
            if (!versions().get(i).from().isAfter(versions().get(i - 1).from())) {
                throw ReferralKitException.invalid(RejectionCode.INVALID_PROGRAM, "versions[" + i + "].from",
                        versions().get(i).from().toString(), "versions must start in ascending order, each after the one before");
            }
        }
    }
}
