package dev.referralkit.engine.stage;

import dev.referralkit.binding.BindingModel;
import dev.referralkit.binding.Candidate;
import dev.referralkit.engine.state.Nanos;
import dev.referralkit.engine.state.PartnerRecord;
import dev.referralkit.engine.state.ProspectRecord;
import dev.referralkit.engine.state.RegistrationRecord;
import dev.referralkit.engine.state.StateStore;
import dev.referralkit.engine.state.TouchRecord;
import dev.referralkit.event.Channel;
import dev.referralkit.ledger.Binding;
import dev.referralkit.ledger.Credit;
import dev.referralkit.ledger.Explanation;
import dev.referralkit.ledger.ImmutableBinding;
import dev.referralkit.money.Ratio;
import dev.referralkit.program.AttributionSettings;
import dev.referralkit.program.PartnerStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Binding (SPEC.md §4.1): which partners a customer is credited to, decided once at its first lead or
 * payment, with the reason for every touch kept or dropped. Candidates are the touches within the
 * window (inclusive), minus self-referrals and touches of partners not active at the binding; the
 * latest manual touch wins whatever its age; else coupons win (with {@code couponsWin}); else the
 * model's per-touch weights, summed per partner in first-touch order, positive weights only,
 * normalised to 1. No candidate: ORGANIC. Between the manual touch and the coupons stands an approved,
 * unexpired deal registration of an active partner whose prospect matches the customer's identity
 * (docs/lifecycle.md §2).
 *
 * <p>Pending touches are kept by the customer record until the binding and then dropped; a touch
 * older than the newest touch minus the window can never qualify again and is dropped when the next
 * touch arrives (counted for the explanation).
 */
final class Binder {
    private final AttributionSettings settings;
    private final BindingModel model;
    private final Directory directory;
    private final long window;
    /** One shared credit list per partner for the common case of a single full credit (bounded by partners). */
    private final Map<String, List<Credit>> sole = new HashMap<>();

    Binder(dev.referralkit.program.Program program, BindingModel model, Directory directory) {
        this.settings = program.attribution();
        this.model = model;
        this.directory = directory;
        this.window = Nanos.days(settings.windowDays());
    }

    long window() {
        return window;
    }

    List<Credit> sole(String partner) {
        return sole.computeIfAbsent(partner, p -> List.of(Credit.of(p, Ratio.ONE)));
    }

    /** The credits and the binding (with its explanation) of a customer bound now. */
    record Bound(List<Credit> credits, Binding binding) {
    }

    Bound bind(StateStore store, List<TouchRecord> touches, List<TouchRecord> manual, int pruned, Map<String, String> attributes,
               String customer, String eventId, long at) {
        long from = at - window;
        Why why = new Why(settings.model(), settings.windowDays(), pruned);
        List<Credit> credits = List.of();
        TouchRecord winner = null;
        for (int i = manual.size() - 1; i >= 0 && winner == null; i--) {
            if (!dropped(store, manual.get(i), customer, why)) {
                winner = manual.get(i);
            }
        }
        RegistrationRecord registration = winner == null ? registration(store, attributes, customer, at, why) : null;
        if (winner != null) {
            credits = sole(winner.partner());
            why.manual = winner;
        } else if (registration != null) {
            credits = sole(registration.partner());
            why.registration = registration;
        } else {
            List<TouchRecord> qualifying = new ArrayList<>(touches.size());
            for (TouchRecord t : touches) {
                if (t.at() < from) {
                    why.dropped(t, Why.Drop.OLDER_THAN_WINDOW, null);
                } else if (!dropped(store, t, customer, why)) {
                    qualifying.add(t);
                }
            }
            if (settings.couponsWin() && anyCoupon(qualifying)) {
                for (TouchRecord t : qualifying) {
                    if (t.channel() != Channel.COUPON) {
                        why.dropped(t, Why.Drop.BEATEN_BY_COUPON, null);
                    }
                }
                qualifying.removeIf(t -> t.channel() != Channel.COUPON);
            }
            qualifying.sort((a, b) -> Long.compare(a.at(), b.at())); // stable: ties keep input order
            if (!qualifying.isEmpty()) {
                credits = qualifying.size() == 1 ? sole(qualifying.get(0).partner()) : credit(qualifying, at);
            }
            why.qualifying = qualifying;
        }
        if (credits.size() == 1 && credits.get(0).weight().equals(Ratio.ONE)) {
            credits = sole(credits.get(0).partner());
        }
        Binding binding = ImmutableBinding.builder().customer(customer).event(eventId).credits(credits)
                .explanation(Explanation.lazy("binding", List.of(), why::text)).build();
        return new Bound(credits, binding);
    }

    /**
     * The approved registration, exclusive at {@code at}, of an active partner that does not own the
     * customer, whose prospect's identity keys meet the customer's (attributes {@code company},
     * {@code domain}, {@code email}); the first key that finds one wins.
     */
    private RegistrationRecord registration(StateStore store, Map<String, String> attributes, String customer, long at, Why why) {
        if (attributes.isEmpty()) {
            return null;
        }
        List<String> keys = dev.referralkit.event.Prospect.keys(attributes.get("company"), attributes.get("domain"), attributes.get("email"));
        for (String key : keys) {
            ProspectRecord p = store.prospect(key);
            if (p == null) {
                continue;
            }
            RegistrationRecord r = store.registration(p.registration());
            if (r == null || r.status() != RegistrationRecord.Status.APPROVED || r.decidedAt() > at || at >= r.expires()) {
                continue;
            }
            if (directory.owns(store, r.partner(), customer) || !Directory.isActive(store.partner(r.partner()))) {
                why.registrationDropped = r;
                continue;
            }
            why.matchedKey = key;
            return r;
        }
        return null;
    }

    private static boolean anyCoupon(List<TouchRecord> touches) {
        for (int i = 0; i < touches.size(); i++) {
            if (touches.get(i).channel() == Channel.COUPON) {
                return true;
            }
        }
        return false;
    }

    /**
     * SPEC.md §4.1 step 1: a touch of a partner that owns the customer (self-referral) or is not active
     * cannot be credited. Records why.
     */
    private boolean dropped(StateStore store, TouchRecord touch, String customer, Why why) {
        if (directory.owns(store, touch.partner(), customer)) {
            why.dropped(touch, Why.Drop.SELF_REFERRAL, null);
            return true;
        }
        PartnerRecord partner = store.partner(touch.partner());
        PartnerStatus status = Directory.status(partner);
        if (status != PartnerStatus.ACTIVE) {
            why.dropped(touch, Why.Drop.PARTNER_INACTIVE, status.jsonName());
            return true;
        }
        return false;
    }

    private List<Credit> credit(List<TouchRecord> touches, long at) {
        List<Candidate> candidates = new ArrayList<>(touches.size());
        for (TouchRecord t : touches) {
            candidates.add(new Candidate(t.id(), t.partner(), Nanos.instant(t.at()), t.channel()));
        }
        Instant bindingAt = Nanos.instant(at);
        List<Ratio> weights = model.weights(candidates, settings, bindingAt);
        Map<String, Ratio> perPartner = new LinkedHashMap<>();
        Ratio total = Ratio.ZERO;
        for (int i = 0; i < candidates.size(); i++) {
            Ratio w = weights.get(i);
            if (w.signum() < 0) {
                throw new IllegalStateException("attribution model " + settings.model() + " returned a negative weight " + w);
            }
            perPartner.merge(candidates.get(i).partner(), w, Ratio::plus);
            total = total.plus(w);
        }
        List<Credit> credits = new ArrayList<>();
        if (total.signum() == 0) {
            return credits;
        }
        for (Map.Entry<String, Ratio> e : perPartner.entrySet()) {
            if (e.getValue().signum() > 0) {
                credits.add(Credit.of(e.getKey(), e.getValue().dividedBy(total)));
            }
        }
        return credits;
    }

    /** Why a binding credits whom it credits, kept as data and formatted only when read. */
    static final class Why {
        /** Why a touch was dropped. */
        enum Drop { OLDER_THAN_WINDOW, BEATEN_BY_COUPON, SELF_REFERRAL, PARTNER_INACTIVE }

        private record Dropped(TouchRecord touch, Drop cause, String status) {
        }

        private final String model;
        private final int windowDays;
        private final int pruned;
        private final List<Dropped> dropped = new ArrayList<>(2);
        TouchRecord manual;
        RegistrationRecord registration;
        RegistrationRecord registrationDropped;
        String matchedKey;
        List<TouchRecord> qualifying = List.of();

        Why(String model, int windowDays, int pruned) {
            this.model = model;
            this.windowDays = windowDays;
            this.pruned = pruned;
        }

        void dropped(TouchRecord touch, Drop cause, String status) {
            dropped.add(new Dropped(touch, cause, status));
        }

        String text() {
            List<String> parts = new ArrayList<>();
            if (manual != null) {
                parts.add("manual touch " + manual.id() + " assigns " + manual.partner() + ", whatever its age");
            } else if (registration != null) {
                parts.add("registration " + registration.id() + " (" + registration.partner() + ") for "
                        + matchedKey.substring(matchedKey.indexOf(':') + 1) + ", approved " + Nanos.instant(registration.decidedAt())
                        + ", exclusive until " + Nanos.instant(registration.expires()));
            } else if (!qualifying.isEmpty()) {
                List<String> ids = new ArrayList<>();
                qualifying.forEach(t -> ids.add(t.id()));
                parts.add(model + " over " + String.join(", ", ids));
            } else {
                parts.add("ORGANIC: no qualifying touch");
            }
            for (Dropped d : dropped) {
                TouchRecord t = d.touch();
                String reason = switch (d.cause()) {
                    case OLDER_THAN_WINDOW -> "older than " + windowDays + " days";
                    case BEATEN_BY_COUPON -> t.channel().jsonName() + " beaten by a coupon";
                    case SELF_REFERRAL -> "self-referral";
                    case PARTNER_INACTIVE -> "partner is " + d.status();
                };
                parts.add("dropped " + t.id() + " (" + t.partner() + (t.channel() == Channel.MANUAL ? ", manual" : "") + "): " + reason);
            }
            if (registrationDropped != null && registration == null) {
                parts.add("registration " + registrationDropped.id() + " (" + registrationDropped.partner()
                        + ") not used: its partner is not active or owns the customer");
            }
            if (pruned > 0) {
                parts.add(pruned + " earlier touch(es) older than the window");
            }
            return String.join("; ", parts);
        }
    }
}
