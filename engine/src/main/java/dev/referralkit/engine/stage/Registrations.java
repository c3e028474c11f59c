package dev.referralkit.engine.stage;

import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import dev.referralkit.engine.state.Nanos;
import dev.referralkit.engine.state.PartnerRecord;
import dev.referralkit.engine.state.ProspectRecord;
import dev.referralkit.engine.state.RegistrationRecord;
import dev.referralkit.engine.state.StateStore;
import dev.referralkit.event.Registration;
import dev.referralkit.event.RegistrationDecision;
import dev.referralkit.program.Program;

/**
 * Deal registrations (docs/lifecycle.md §2): a partner's claim on a prospect, pending until approved
 * (exclusive for {@code registrations.exclusiveDays}) or rejected; a claim that meets another partner's
 * pending or exclusive one is {@code REGISTRATION_CONFLICT}. Registrations are kept by registration id,
 * with one record per identity key naming the registration that holds it; the binding reads them
 * ({@link Binder}). Like partners, they are shared by every customer: a stream processor gives each
 * customer partition a copy (docs/engine.md).
 */
public final class Registrations {
    private final long exclusive;

    /** @param program the program */
    public Registrations(Program program) {
        this.exclusive = Nanos.days(program.registrations().map(r -> r.exclusiveDays()).orElse(90));
    }

    /**
     * Checks a registration or a decision (after idempotency and lateness).
     *
     * @param store the store
     * @param event a {@link Registration} or {@link RegistrationDecision}
     * @throws ReferralKitException {@code UNKNOWN_PARTNER}, {@code INVALID_EVENT}, {@code REGISTRATION_CONFLICT},
     *                              {@code UNKNOWN_REGISTRATION} or {@code INVALID_TRANSITION}
     */
    public void check(StateStore store, dev.referralkit.event.Event event) {
        if (event instanceof Registration r) {
            PartnerRecord partner = store.partner(r.partner());
            if (partner == null) {
                throw ReferralKitException.invalid(RejectionCode.UNKNOWN_PARTNER, "partner", r.partner(), "is not a partner of the program");
            }
            if (!Directory.isActive(partner)) {
                throw ReferralKitException.invalid(RejectionCode.INVALID_EVENT, "partner", r.partner(),
                        "is " + Directory.status(partner).jsonName() + ": only an active partner can register a prospect");
            }
            long at = Nanos.of(r.at());
            for (String key : r.prospect().keys()) {
                ProspectRecord p = store.prospect(key);
                RegistrationRecord held = p == null ? null : store.registration(p.registration());
                if (held != null && held.holdsAt(at)) {
                    String what = key.substring(key.indexOf(':') + 1);
                    throw ReferralKitException.of(RejectionCode.REGISTRATION_CONFLICT, "prospect", what, what + " is registered to "
                            + held.partner() + (held.status() == RegistrationRecord.Status.PENDING ? " (pending, " + held.id() + ")"
                                    : " until " + Nanos.instant(held.expires()) + " (" + held.id() + ")"));
                }
            }
        } else if (event instanceof RegistrationDecision d) {
            RegistrationRecord r = store.registration(d.registration());
            if (r == null) {
                throw ReferralKitException.invalid(RejectionCode.UNKNOWN_REGISTRATION, "registration", d.registration(),
                        "is not a registration");
            }
            if (r.status() != RegistrationRecord.Status.PENDING) {
                throw ReferralKitException.of(RejectionCode.INVALID_TRANSITION, "registration", d.registration(),
                        "registration " + d.registration() + " was already " + r.status().name().toLowerCase(java.util.Locale.ROOT));
            }
        }
    }

    /**
     * Applies a checked registration or decision.
     *
     * @param tx    the event's transaction
     * @param event a {@link Registration} or {@link RegistrationDecision}
     */
    public void apply(Transaction tx, dev.referralkit.event.Event event) {
        StateStore store = tx.store();
        if (event instanceof Registration r) {
            RegistrationRecord made = new RegistrationRecord(r.id(), r.partner(), r.prospect().keys(), Nanos.of(r.at()),
                    RegistrationRecord.Status.PENDING, Nanos.NONE, Nanos.NONE);
            tx.put(null, made);
            for (String key : made.keys()) {
                tx.put(store.prospect(key), new ProspectRecord(key, r.id()));
            }
        } else if (event instanceof RegistrationDecision d) {
            RegistrationRecord r = store.registration(d.registration());
            long at = Nanos.of(d.at());
            boolean approved = d.decision() == RegistrationDecision.Decision.APPROVED;
            tx.put(r, new RegistrationRecord(r.id(), r.partner(), r.keys(), r.at(),
                    approved ? RegistrationRecord.Status.APPROVED : RegistrationRecord.Status.REJECTED, at,
                    approved ? at + exclusive : Nanos.NONE));
            if (!approved) {
                for (String key : r.keys()) {
                    ProspectRecord p = store.prospect(key);
                    if (p != null && p.registration().equals(r.id())) {
                        tx.remove(p);
                    }
                }
            }
        }
    }
}
