package dev.referralkit.exports;

import java.util.Objects;

/**
 * Options of the {@code paypal} format.
 *
 * @param note         the note to every recipient ("Note to recipient"), empty for PayPal's default
 *                     message; cut to {@value PayPalExport#NOTE_MAX} characters (a courtesy text: we cut it
 *                     rather than refuse the file)
 * @param decimalComma write amounts with a decimal comma, quoted ({@code "100,50"}), for senders whose
 *                     PayPal account uses that format; by default a point ({@code 100.50})
 */
public record PayPalOptions(String note, boolean decimalComma) {
    /** Checks the note is not null. */
    public PayPalOptions {
        Objects.requireNonNull(note, "note");
    }

    /** @return no note, decimal point */
    public static PayPalOptions defaults() {
        return new PayPalOptions("", false);
    }

    /** @param text the note @return a copy with this note */
    public PayPalOptions withNote(String text) {
        return new PayPalOptions(text, decimalComma);
    }

    /** @param comma whether to write a decimal comma @return a copy */
    public PayPalOptions withDecimalComma(boolean comma) {
        return new PayPalOptions(note, comma);
    }
}
