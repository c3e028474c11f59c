package dev.referralkit.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.referralkit.engine.Outcome;
import dev.referralkit.engine.ReferralEngine;
import dev.referralkit.engine.stage.Change;
import dev.referralkit.engine.state.InMemoryStateStore;
import dev.referralkit.engine.state.KeyValueStateStore;
import dev.referralkit.engine.state.RecordCodec;
import dev.referralkit.engine.state.StateRecord;
import dev.referralkit.json.ReferralKitJson;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The engine's state behind its store SPI (docs/engine.md), over generated histories: every store gives
 * the same outcomes and the same state; every record survives its binary form; the change sets of the
 * outcomes rebuild the state; undo and a failing store leave the state byte-identical.
 */
class StateStoreProperties {
    static final long SEED = Long.getLong("referralkit.seed", 20261129L);
    static final int HISTORIES = Integer.getInteger("referralkit.storeHistories", 1_000);

    private static String outcome(Outcome o) {
        return ReferralKitJson.write(o.entries()) + ReferralKitJson.write(o.payouts())
                + o.binding().map(ReferralKitJson::write).orElse("") + o.rejection().map(ReferralKitJson::write).orElse("");
    }

    @Test
    void every_store_and_the_change_sets_give_the_same_state() {
        for (long seed = SEED; seed < SEED + HISTORIES; seed++) {
            History h = Histories.standard().histories().generate(seed);
            ReferralEngine compact = ReferralEngine.create(h.program(), h.partners());
            ReferralEngine keyValue = ReferralEngine.open(h.program(), h.partners(), KeyValueStateStore.inMemory());
            KeyValueStateStore replica = KeyValueStateStore.inMemory();
            compact.forEachRecord(replica::put);
            for (JsonNode e : h.events()) {
                Outcome a = compact.process(e);
                Outcome b = keyValue.process(e);
                assertThat(outcome(b)).as("seed %d, event %s", seed, e).isEqualTo(outcome(a));
                replica.apply(a.changes());
            }
            String snapshot = compact.snapshot();
            assertThat(keyValue.snapshot()).as("seed %d: key-value store", seed).isEqualTo(snapshot);
            assertThat(ReferralEngine.open(h.program(), List.of(), replica).snapshot()).as("seed %d: replayed change sets", seed)
                    .isEqualTo(snapshot);
            long s = seed;
            compact.forEachRecord(r -> assertThat(RecordCodec.decode(RecordCodec.key(r), RecordCodec.value(r)))
                    .as("seed %d: %s round-trips", s, r.kind()).isEqualTo(r));
        }
    }

    @Test
    void the_unordered_walk_gives_every_record_the_ordered_one_gives() {
        for (long seed = SEED; seed < SEED + HISTORIES; seed++) {
            History h = Histories.standard().histories().generate(seed);
            InMemoryStateStore store = new InMemoryStateStore();
            ReferralEngine.prepare(h.program(), h.partners(), store);
            ReferralEngine engine = ReferralEngine.open(h.program(), h.partners(), store);
            h.events().forEach(engine::process);
            List<String> ordered = new ArrayList<>();
            store.forEach(r -> ordered.add(HexFormat.of().formatHex(RecordCodec.key(r)) + "="
                    + HexFormat.of().formatHex(RecordCodec.value(r))));
            List<String> unordered = new ArrayList<>();
            store.forEachUnordered(r -> unordered.add(HexFormat.of().formatHex(RecordCodec.key(r)) + "="
                    + HexFormat.of().formatHex(RecordCodec.value(r))));
            assertThat(ordered).as("seed %d", seed).hasSizeGreaterThan(h.partners().size());
            assertThat(unordered).as("seed %d", seed).containsExactlyInAnyOrderElementsOf(ordered);
        }
    }

    @Test
    void undo_reverts_a_batch_exactly() {
        for (long seed = SEED; seed < SEED + HISTORIES / 4; seed++) {
            History h = Histories.standard().histories().generate(seed);
            ReferralEngine engine = ReferralEngine.create(h.program(), h.partners());
            List<JsonNode> events = h.events();
            int k = events.size() / 3;
            events.subList(0, k).forEach(engine::process);
            String before = engine.snapshot();
            List<Outcome> batch = new ArrayList<>();
            for (JsonNode e : events.subList(k, Math.min(events.size(), k + 1 + (int) (seed % 7)))) {
                batch.add(engine.process(e));
            }
            boolean forgets = batch.stream().flatMap(o -> o.changes().stream()).anyMatch(c -> c instanceof Change.ForgottenEvents);
            if (forgets) {
                assertThatThrownBy(() -> engine.undo(batch)).isInstanceOf(IllegalArgumentException.class);
            } else {
                engine.undo(batch);
                assertThat(engine.snapshot()).as("seed %d", seed).isEqualTo(before);
            }
        }
    }

    @Test
    void a_store_that_fails_at_random_leaves_the_state_as_it_was() {
        for (long seed = SEED; seed < SEED + HISTORIES / 4; seed++) {
            History h = Histories.standard().histories().generate(seed);
            FailingStore store = new FailingStore(new InMemoryStateStore(), new SplittableRandom(seed));
            ReferralEngine flaky = ReferralEngine.open(h.program(), h.partners(), store);
            ReferralEngine clean = ReferralEngine.create(h.program(), h.partners());
            int failures = 0;
            for (JsonNode e : h.events()) {
                String before = flaky.snapshot();
                store.arm();
                try {
                    Outcome o = flaky.process(e);
                    store.disarm();
                    assertThat(outcome(o)).isEqualTo(outcome(clean.process(e)));
                } catch (FailingStore.Failure f) {
                    store.disarm();
                    failures++;
                    assertThat(flaky.snapshot()).as("seed %d: after a store failure on %s", seed, e).isEqualTo(before);
                    Outcome again = flaky.process(e);
                    assertThat(outcome(again)).isEqualTo(outcome(clean.process(e)));
                }
            }
            assertThat(flaky.snapshot()).as("seed %d (%d failures)", seed, failures).isEqualTo(clean.snapshot());
        }
    }

    @Test
    void an_engine_whose_store_fails_while_undoing_refuses_every_later_event() {
        History h = Histories.standard().withBadEvents(0).histories().generate(SEED);
        FailingStore store = new FailingStore(new InMemoryStateStore(), new SplittableRandom(SEED));
        ReferralEngine engine = ReferralEngine.open(h.program(), h.partners(), store);
        JsonNode first = ReferralKitJson.mapper().createObjectNode().put("type", "payout_run").put("id", "r1")
                .put("at", "2026-02-01T00:00:00Z"); // accepted, so it writes at least its id
        store.failPuts();
        assertThatThrownBy(() -> engine.process(first)).isInstanceOf(FailingStore.Failure.class);
        store.heal();
        assertThatThrownBy(() -> engine.process(first)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("failed while undoing").hasRootCauseInstanceOf(FailingStore.Failure.class);
    }

    /** A store that throws once, at a random call, while armed; then behaves, so the engine can undo. */
    static final class FailingStore implements dev.referralkit.engine.state.StateStore {
        static final class Failure extends RuntimeException {
            private static final long serialVersionUID = 1L;

            Failure() {
                super("the store failed (test)");
            }
        }

        private final dev.referralkit.engine.state.StateStore inner;
        private final SplittableRandom random;
        private boolean armed;
        private boolean putsFail;

        FailingStore(dev.referralkit.engine.state.StateStore inner, SplittableRandom random) {
            this.inner = inner;
            this.random = random;
        }

        void arm() {
            armed = true;
        }

        void disarm() {
            armed = false;
        }

        /** Every put and remove fails, undoing included, until {@link #heal}. */
        void failPuts() {
            putsFail = true;
        }

        void heal() {
            putsFail = false;
        }

        private void maybeFail() {
            if (armed && random.nextInt(12) == 0) {
                armed = false;
                throw new Failure();
            }
        }

        @Override
        public dev.referralkit.engine.state.EngineRecord engine() {
            maybeFail();
            return inner.engine();
        }

        @Override
        public dev.referralkit.engine.state.EventRecord event(int bucket, long hash) {
            maybeFail();
            return inner.event(bucket, hash);
        }

        @Override
        public dev.referralkit.engine.state.PartnerRecord partner(String id) {
            maybeFail();
            return inner.partner(id);
        }

        @Override
        public int partnerCount() {
            return inner.partnerCount();
        }

        @Override
        public void forEachPartner(java.util.function.Consumer<dev.referralkit.engine.state.PartnerRecord> each) {
            maybeFail();
            inner.forEachPartner(each);
        }

        @Override
        public dev.referralkit.engine.state.CustomerRecord customer(long hi, long lo) {
            maybeFail();
            return inner.customer(hi, lo);
        }

        @Override
        public dev.referralkit.engine.state.PaymentRecord payment(long hi, long lo) {
            maybeFail();
            return inner.payment(hi, lo);
        }

        @Override
        public void forEachPaymentBefore(long cutoff, java.util.function.Consumer<dev.referralkit.engine.state.PaymentRecord> each) {
            maybeFail();
            inner.forEachPaymentBefore(cutoff, each);
        }

        @Override
        public dev.referralkit.engine.state.EarningRecord earning(String partner, long paymentHi, long paymentLo) {
            maybeFail();
            return inner.earning(partner, paymentHi, paymentLo);
        }

        @Override
        public dev.referralkit.engine.state.BookRecord book(String partner) {
            maybeFail();
            return inner.book(partner);
        }

        @Override
        public dev.referralkit.engine.state.HoldRecord hold(String partner, String entry) {
            maybeFail();
            return inner.hold(partner, entry);
        }

        @Override
        public void forEachHold(String partner, java.util.function.Consumer<dev.referralkit.engine.state.HoldRecord> each) {
            maybeFail();
            inner.forEachHold(partner, each);
        }

        @Override
        public dev.referralkit.engine.state.PayoutRecord payout(String partner, String payout) {
            maybeFail();
            return inner.payout(partner, payout);
        }

        @Override
        public dev.referralkit.engine.state.TaxRecord tax(String partner) {
            maybeFail();
            return inner.tax(partner);
        }

        @Override
        public dev.referralkit.engine.state.RiskRecord risk(String partner) {
            maybeFail();
            return inner.risk(partner);
        }

        @Override
        public dev.referralkit.engine.state.ClicksRecord clicks(long hi, long lo) {
            maybeFail();
            return inner.clicks(hi, lo);
        }

        @Override
        public dev.referralkit.engine.state.IdentityRecord identity(long hi, long lo) {
            maybeFail();
            return inner.identity(hi, lo);
        }

        @Override
        public dev.referralkit.engine.state.VolumeRecord volume(String partner, String label) {
            maybeFail();
            return inner.volume(partner, label);
        }

        @Override
        public dev.referralkit.engine.state.RetroRecord retro(String partner, String label, int index) {
            maybeFail();
            return inner.retro(partner, label, index);
        }

        @Override
        public dev.referralkit.engine.state.CapRecord cap(String partner, String cap, String scope) {
            maybeFail();
            return inner.cap(partner, cap, scope);
        }

        @Override
        public void forEachOpenEntry(String partner, java.util.function.Consumer<dev.referralkit.engine.state.OpenEntryRecord> each) {
            maybeFail();
            inner.forEachOpenEntry(partner, each);
        }

        @Override
        public dev.referralkit.engine.state.RegistrationRecord registration(String id) {
            maybeFail();
            return inner.registration(id);
        }

        @Override
        public dev.referralkit.engine.state.ProspectRecord prospect(String key) {
            maybeFail();
            return inner.prospect(key);
        }

        @Override
        public void put(StateRecord record) {
            maybeFail();
            if (putsFail) {
                throw new Failure();
            }
            inner.put(record);
        }

        @Override
        public void remove(StateRecord record) {
            maybeFail();
            if (putsFail) {
                throw new Failure();
            }
            inner.remove(record);
        }

        @Override
        public void forgetEvents(int bucket) {
            inner.forgetEvents(bucket);
        }

        @Override
        public void forEach(java.util.function.Consumer<StateRecord> each) {
            inner.forEach(each);
        }
    }
}
