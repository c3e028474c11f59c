package dev.referralkit.attribution;

import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import dev.referralkit.money.Decimals;
import dev.referralkit.money.Ratio;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads journeys from CSV (FORMATS.md §4): a header {@code path,conversions,value,nulls}, then one line
 * per distinct path: channels separated by {@code >} (spaces around them ignored), the number of
 * conversions, their total value (empty = 0) and the number of journeys that did not convert. Counts
 * and value are plain non-negative decimals. Blank lines are skipped. A malformed line is refused
 * with its line number and the reason, and so is the line that goes over a limit of
 * {@link JourneyModels} (paths, touches per path, touches in all, distinct channels), before the rest is
 * read. Channel names are shared between journeys, so a million paths over a few channels stay small.
 */
public final class JourneyCsv {
    /** The required header. */
    public static final String HEADER = "path,conversions,value,nulls";

    private JourneyCsv() {
    }

    /**
     * @param reader the CSV text
     * @return the journeys, in file order
     * @throws ReferralKitException {@code INVALID_EVENT} with a message {@code line N: reason}
     * @throws IOException          if reading fails
     */
    public static List<Journey> read(Reader reader) throws IOException {
        BufferedReader in = reader instanceof BufferedReader ? (BufferedReader) reader : new BufferedReader(reader);
        String header = in.readLine();
        if (header == null || !header.strip().replace(" ", "").equals(HEADER)) {
            throw error(1, "the header must be " + HEADER + (header == null ? ", the file is empty" : ", found \"" + abbreviate(header) + "\""));
        }
        List<Journey> journeys = new ArrayList<>();
        Map<String, String> names = new HashMap<>();
        long touches = 0;
        String line;
        int number = 1;
        while ((line = in.readLine()) != null) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            String[] fields = line.split(",", -1);
            if (fields.length != 4) {
                throw error(number, "expected 4 fields (path,conversions,value,nulls), found " + fields.length);
            }
            if (journeys.size() == JourneyModels.MAX_PATHS) {
                throw error(number, "more than " + JourneyLimits.group(JourneyModels.MAX_PATHS) + " paths, the limit");
            }
            String[] parts = fields[0].split(">", -1);
            if (parts.length > JourneyModels.MAX_PATH_LENGTH) {
                throw error(number, JourneyLimits.pathTooLongDetail(parts.length));
            }
            touches += parts.length;
            if (touches > JourneyModels.MAX_TOUCHES) {
                throw error(number, "more than " + JourneyLimits.group(JourneyModels.MAX_TOUCHES) + " touches in all, the limit");
            }
            List<String> channels = new ArrayList<>(parts.length);
            for (String c : parts) {
                String channel = c.strip();
                if (channel.isEmpty()) {
                    throw error(number, "path \"" + abbreviate(fields[0]) + "\" has an empty channel");
                }
                String shared = names.putIfAbsent(channel, channel);
                if (shared == null && names.size() > JourneyModels.MAX_CHANNELS) {
                    throw error(number, "more than " + JourneyLimits.group(JourneyModels.MAX_CHANNELS) + " distinct channels, the limit");
                }
                channels.add(shared == null ? channel : shared);
            }
            Ratio conversions = number(number, "conversions", fields[1], false);
            Ratio value = number(number, "value", fields[2], true);
            Ratio nulls = number(number, "nulls", fields[3], false);
            try {
                journeys.add(Journey.of(channels, conversions, value, nulls));
            } catch (ReferralKitException e) {
                throw error(number, e.getMessage());
            }
        }
        return journeys;
    }

    private static Ratio number(int line, String field, String text, boolean emptyIsZero) {
        String t = text.strip();
        if (t.isEmpty() && emptyIsZero) {
            return Ratio.ZERO;
        }
        try {
            Ratio r = Ratio.of(Decimals.parsePlain(RejectionCode.INVALID_EVENT, field, t));
            if (r.signum() < 0) {
                throw error(line, field + " \"" + t + "\" must not be negative");
            }
            return r;
        } catch (ReferralKitException e) {
            if (e.getMessage().startsWith("line ")) {
                throw e;
            }
            throw error(line, e.getMessage());
        }
    }

    private static ReferralKitException error(int line, String reason) {
        return ReferralKitException.of(RejectionCode.INVALID_EVENT, "line " + line, null, "line " + line + ": " + reason);
    }

    private static String abbreviate(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
