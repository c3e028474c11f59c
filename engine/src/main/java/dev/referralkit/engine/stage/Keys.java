package dev.referralkit.engine.stage;

import dev.referralkit.engine.state.BookRecord;
import dev.referralkit.engine.state.CapRecord;
import dev.referralkit.engine.state.ClicksRecord;
import dev.referralkit.engine.state.CustomerRecord;
import dev.referralkit.engine.state.EarningRecord;
import dev.referralkit.engine.state.EventRecord;
import dev.referralkit.engine.state.HoldRecord;
import dev.referralkit.engine.state.IdentityRecord;
import dev.referralkit.engine.state.OpenEntryRecord;
import dev.referralkit.engine.state.PartnerRecord;
import dev.referralkit.engine.state.PaymentRecord;
import dev.referralkit.engine.state.PayoutRecord;
import dev.referralkit.engine.state.ProspectRecord;
import dev.referralkit.engine.state.RegistrationRecord;
import dev.referralkit.engine.state.RetroRecord;
import dev.referralkit.engine.state.RiskRecord;
import dev.referralkit.engine.state.StateRecord;
import dev.referralkit.engine.state.TaxRecord;
import dev.referralkit.engine.state.VolumeRecord;

/**
 * A hash of a record's key, to collapse many writes of one key (payout runs, events that touch many
 * records): records with the same key ({@link StateRecord#sameKey}) hash alike, computed from the key's
 * fields without encoding the key (the engine record, one per store, hashes by its kind alone).
 */
final class Keys {
    private Keys() {
    }

    /** A hash of the fields {@code sameKey} compares (only those: records with the same key hash alike). */
    static int hash(StateRecord r) {
        int h;
        if (r instanceof OpenEntryRecord o) {
            h = o.partner().hashCode() * 31 + Long.hashCode(o.seq());
        } else if (r instanceof CustomerRecord c) {
            h = Long.hashCode(c.hi() * 31 + c.lo());
        } else if (r instanceof PaymentRecord p) {
            h = Long.hashCode(p.hi() * 31 + p.lo());
        } else if (r instanceof EarningRecord e) {
            h = Long.hashCode(e.paymentHi() * 31 + e.paymentLo()) * 31 + e.partner().hashCode();
        } else if (r instanceof EventRecord e) {
            h = Long.hashCode(e.hash()) * 31 + e.bucket();
        } else if (r instanceof BookRecord b) {
            h = b.partner().hashCode();
        } else if (r instanceof VolumeRecord v) {
            h = v.partner().hashCode() * 31 + v.label().hashCode();
        } else if (r instanceof RetroRecord x) {
            h = (x.partner().hashCode() * 31 + x.label().hashCode()) * 31 + x.index();
        } else if (r instanceof CapRecord c) {
            h = (c.partner().hashCode() * 31 + c.cap().hashCode()) * 31 + c.scope().hashCode();
        } else if (r instanceof PartnerRecord p) {
            h = p.id().hashCode();
        } else if (r instanceof RegistrationRecord g) {
            h = g.id().hashCode();
        } else if (r instanceof ProspectRecord p) {
            h = p.key().hashCode();
        } else if (r instanceof HoldRecord x) {
            h = x.partner().hashCode() * 31 + x.entry().hashCode();
        } else if (r instanceof PayoutRecord x) {
            h = x.partner().hashCode() * 31 + x.payout().hashCode();
        } else if (r instanceof TaxRecord x) {
            h = x.partner().hashCode();
        } else if (r instanceof RiskRecord x) {
            h = x.partner().hashCode();
        } else if (r instanceof ClicksRecord x) {
            h = Long.hashCode(x.hi() * 31 + x.lo());
        } else if (r instanceof IdentityRecord x) {
            h = Long.hashCode(x.hi() * 31 + x.lo());
        } else {
            h = 0;
        }
        return h * 31 + r.kind().ordinal();
    }
}
