package dev.referralkit.event;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.referralkit.Ids;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * JSON type {@code tax_form} (extension, docs/payouts.md §4): the partner's tax form is on file from {@code at}
 * on, so payouts are no longer withheld for {@code program.tax}. {@code form} optionally names it ({@code W-9}).
 */
@Value.Immutable
@JsonSerialize(as = ImmutableTaxForm.class)
@JsonDeserialize(as = ImmutableTaxForm.class)
@JsonPropertyOrder({"id", "at", "partner", "form"})
public interface TaxForm extends PartnerEvent {
    /** @return the form's name, if given */
    Optional<String> form();

    @Override
    default String typeName() {
        return "tax_form";
    }

    /** Checks identifiers. */
    @Value.Check
    default void check() {
        Ids.check("id", id());
        EventChecks.at(at());
        Ids.check("partner", partner());
        form().ifPresent(f -> Ids.check("form", f));
    }
}
