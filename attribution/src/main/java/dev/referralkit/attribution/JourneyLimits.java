package dev.referralkit.attribution;

import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The size limits of journey analytics ({@link JourneyModels#MAX_PATHS} and the others): checked
 * before any work, so an input over a limit is refused with one line naming the limit and the actual
 * size, never with an {@link OutOfMemoryError}.
 */
final class JourneyLimits {
    private JourneyLimits() {
    }

    /** Checks paths, path length, touches and distinct channels. */
    static void check(List<Journey> journeys) {
        check(journeys, true);
    }

    /**
     * @param countChannels false when the caller counts distinct channels itself (and calls
     *                      {@link #tooManyChannels()} past the limit)
     */
    static void check(List<Journey> journeys, boolean countChannels) {
        if (journeys.size() > JourneyModels.MAX_PATHS) {
            throw tooMany("paths", journeys.size(), JourneyModels.MAX_PATHS);
        }
        long touches = 0;
        for (Journey j : journeys) {
            int n = j.channels().size();
            if (n > JourneyModels.MAX_PATH_LENGTH) {
                throw pathTooLong(n);
            }
            touches += n;
        }
        if (touches > JourneyModels.MAX_TOUCHES) {
            throw tooMany("touches", touches, JourneyModels.MAX_TOUCHES);
        }
        if (countChannels && touches > JourneyModels.MAX_CHANNELS) { // fewer touches cannot name more channels
            Set<String> channels = new HashSet<>();
            for (Journey j : journeys) {
                channels.addAll(j.channels());
                if (channels.size() > JourneyModels.MAX_CHANNELS) {
                    throw tooManyChannels();
                }
            }
        }
    }

    static ReferralKitException tooManyChannels() {
        return ReferralKitException.of(RejectionCode.INVALID_EVENT, "journeys", null, "journeys: more than "
                + group(JourneyModels.MAX_CHANNELS) + " distinct channels, the limit");
    }

    static ReferralKitException tooMany(String what, long actual, long limit) {
        return ReferralKitException.of(RejectionCode.INVALID_EVENT, "journeys", Long.toString(actual),
                "journeys: " + group(actual) + " " + what + " exceed the limit of " + group(limit) + " " + what);
    }

    static ReferralKitException pathTooLong(long touches) {
        return ReferralKitException.of(RejectionCode.INVALID_EVENT, "path", Long.toString(touches),
                "journeys: " + pathTooLongDetail(touches));
    }

    static String pathTooLongDetail(long touches) {
        return "a path of " + group(touches) + " touches exceeds the limit of " + group(JourneyModels.MAX_PATH_LENGTH)
                + " touches per path";
    }

    static String group(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
