package dev.referralkit.engine.stage;

import dev.referralkit.engine.state.BookRecord;
import dev.referralkit.engine.state.CapRecord;
import dev.referralkit.engine.state.CustomerRecord;
import dev.referralkit.engine.state.EarningRecord;
import dev.referralkit.engine.state.EngineRecord;
import dev.referralkit.engine.state.EventRecord;
import dev.referralkit.engine.state.OpenEntryRecord;
import dev.referralkit.engine.state.PartnerRecord;
import dev.referralkit.engine.state.PaymentRecord;
import dev.referralkit.engine.state.RetroRecord;
import dev.referralkit.engine.state.StateRecord;
import dev.referralkit.engine.state.VolumeRecord;
import java.util.List;

/** A hashable value for a record's key, to collapse many writes of one key (payout runs). */
final class Keys {
    private Keys() {
    }

    static Object of(StateRecord r) {
        return java.nio.ByteBuffer.wrap(dev.referralkit.engine.state.RecordCodec.key(r));
    }
}
