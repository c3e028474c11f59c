package dev.referralkit.exports;

import java.util.Objects;

/**
 * Options of the {@code stripe} format.
 *
 * @param description the transfer's {@code description}, empty for none; at most
 *                    {@value StripeExport#DESCRIPTION_MAX} characters (refused beyond)
 */
public record StripeOptions(String description) {
    /** Checks for null. */
    public StripeOptions {
        Objects.requireNonNull(description, "description");
    }

    /** @return no description */
    public static StripeOptions defaults() {
        return new StripeOptions("");
    }
}
