package dev.referralkit.ledger;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.List;
import org.immutables.value.Value;

/**
 * The decision, made once per customer at its binding event, of which partners are credited and
 * with what weights (SPEC.md §4.1). Credits are ordered by each partner's first qualifying touch and
 * their weights sum to exactly 1. An ORGANIC customer has no credits and earns nobody anything.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableBinding.class)
@JsonDeserialize(as = ImmutableBinding.class)
@JsonPropertyOrder({"customer", "event", "credits", "explanation"})
public interface Binding {
    /** @return the customer */
    String customer();

    /** @return the binding event (the customer's first lead or payment) */
    String event();

    /** @return the credited partners; empty for an ORGANIC customer */
    List<Credit> credits();

    /**
     * @return why: which touches qualified and which were dropped, and for what reason (extension of
     *         FORMATS.md; not part of equality)
     */
    @Value.Auxiliary
    java.util.Optional<Explanation> explanation();

    /** @return true when nobody is credited */
    @com.fasterxml.jackson.annotation.JsonIgnore
    default boolean isOrganic() {
        return credits().isEmpty();
    }
}
