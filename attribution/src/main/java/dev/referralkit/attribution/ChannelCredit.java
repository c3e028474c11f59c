package dev.referralkit.attribution;

import dev.referralkit.money.Ratio;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Objects;

/** A channel's share of conversions and value under a journey model, exact. */
public final class ChannelCredit {
    /** Decimals shown in reports. */
    public static final int DECIMALS = 10;

    private final String channel;
    private final Ratio conversions;
    private final Ratio value;

    /**
     * @param channel     the channel
     * @param conversions its credited conversions
     * @param value       its credited value
     */
    public ChannelCredit(String channel, Ratio conversions, Ratio value) {
        this.channel = Objects.requireNonNull(channel, "channel");
        this.conversions = Objects.requireNonNull(conversions, "conversions");
        this.value = Objects.requireNonNull(value, "value");
    }

    /** @return the channel */
    public String channel() {
        return channel;
    }

    /** @return credited conversions, exact */
    public Ratio conversions() {
        return conversions;
    }

    /** @return credited value, exact */
    public Ratio value() {
        return value;
    }

    /**
     * A ratio as FORMATS.md §4 prints it: at most {@value #DECIMALS} decimals (half-even), trailing
     * zeros dropped but at least one decimal ({@code "2.0"}, {@code "140.25"}).
     *
     * @param r a ratio
     * @return the text
     */
    public static String format(Ratio r) {
        BigDecimal v = new BigDecimal(r.numerator()).divide(new BigDecimal(r.denominator()), DECIMALS, RoundingMode.HALF_EVEN)
                .stripTrailingZeros();
        if (v.scale() < 1) {
            v = v.setScale(1);
        }
        return v.toPlainString();
    }

    @Override
    public String toString() {
        return channel + ": " + format(conversions) + " conversions, " + format(value) + " value";
    }
}
