package dev.referralkit.attribution;

import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import dev.referralkit.money.Ratio;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A distinct customer path with its outcomes (SPEC.md §4.4): the channels (or partners) touched in
 * order, how many journeys on it converted, their total value, and how many did not convert.
 * Counts and value are exact and non-negative; a value needs conversions (it is their total value).
 */
public final class Journey {
    private final List<String> channels;
    private final Ratio conversions;
    private final Ratio value;
    private final Ratio nulls;

    private Journey(List<String> channels, Ratio conversions, Ratio value, Ratio nulls) {
        this.channels = List.copyOf(channels);
        this.conversions = conversions;
        this.value = value;
        this.nulls = nulls;
    }

    /**
     * @param channels    the path, at least one channel, each non-empty
     * @param conversions journeys on the path that converted
     * @param value       their total value
     * @param nulls       journeys on the path that did not convert
     * @return the journey
     */
    public static Journey of(List<String> channels, Ratio conversions, Ratio value, Ratio nulls) {
        Objects.requireNonNull(channels, "channels");
        if (channels.isEmpty()) {
            throw ReferralKitException.of(RejectionCode.INVALID_EVENT, "path", "", "path must name at least one channel");
        }
        for (String c : channels) {
            if (c == null || c.isEmpty()) {
                throw ReferralKitException.of(RejectionCode.INVALID_EVENT, "path", String.join(">", channels),
                        "path has an empty channel");
            }
        }
        for (Ratio r : List.of(conversions, value, nulls)) {
            if (r.signum() < 0) {
                throw ReferralKitException.of(RejectionCode.INVALID_EVENT, "count", r.toDecimalString(), "counts and value must not be negative");
            }
        }
        if (conversions.signum() == 0 && value.signum() != 0) {
            throw ReferralKitException.of(RejectionCode.INVALID_EVENT, "value", value.toDecimalString(),
                    "value \"" + value.toDecimalString() + "\" needs conversions: it is the total value of the conversions");
        }
        return new Journey(channels, conversions, value, nulls);
    }

    /**
     * @param conversions conversions
     * @param channels    the path
     * @return a converting journey with no value and no nulls
     */
    public static Journey converting(long conversions, String... channels) {
        return of(List.of(channels), Ratio.of(conversions, 1), Ratio.ZERO, Ratio.ZERO);
    }

    /** @return the path, in order */
    public List<String> channels() {
        return channels;
    }

    /** @return converted journeys on this path */
    public Ratio conversions() {
        return conversions;
    }

    /** @return their total value */
    public Ratio value() {
        return value;
    }

    /** @return journeys on this path that did not convert */
    public Ratio nulls() {
        return nulls;
    }

    /** @return the path with consecutive repeats collapsed (a>a>b>a becomes a>b>a) */
    public List<String> collapsed() {
        return collapse(channels);
    }

    static List<String> collapse(List<String> path) {
        List<String> out = new ArrayList<>(path.size());
        for (String c : path) {
            if (out.isEmpty() || !out.get(out.size() - 1).equals(c)) {
                out.add(c);
            }
        }
        return out;
    }

    @Override
    public String toString() {
        return String.join(">", channels) + " (" + conversions + " conv, " + value + " value, " + nulls + " null)";
    }
}
