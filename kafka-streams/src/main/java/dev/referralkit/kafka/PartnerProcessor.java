package dev.referralkit.kafka;

import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import dev.referralkit.engine.stage.Fingerprint;
import dev.referralkit.engine.stage.Idempotency;
import dev.referralkit.engine.stage.MessageCodec;
import dev.referralkit.engine.stage.PartnerEvents;
import dev.referralkit.engine.stage.PartnerChanges;
import dev.referralkit.engine.stage.PartnerMessage;
import dev.referralkit.engine.stage.PartnerStage;
import dev.referralkit.engine.stage.RefundWindow;
import dev.referralkit.engine.stage.Transaction;
import dev.referralkit.engine.state.EarningRecord;
import dev.referralkit.engine.state.Nanos;
import dev.referralkit.event.Event;
import dev.referralkit.event.PartnerChange;
import dev.referralkit.event.PartnerEvent;
import dev.referralkit.event.PayoutRun;
import dev.referralkit.json.ReferralKitJson;
import dev.referralkit.ledger.Entry;
import dev.referralkit.ledger.ImmutableRejection;
import dev.referralkit.ledger.Payout;
import dev.referralkit.ledger.Rejection;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The partner stage of one partner partition: the partner messages of every customer partition in the
 * single engine's order, through {@link PartnerStage#apply}, each in one {@link Transaction} over the
 * partition's store.
 *
 * <p><b>Order.</b> Records from the customer stage go through a {@link Sequencer} and are processed in
 * {@code (position, index)} order, once every customer partition has promised that nothing earlier
 * follows. Messages the stage sends to another partner ({@link PartnerStage.Output#send}: parent shares
 * and their reversals) are applied at once, depth-first, when that partner is this partition's (as the
 * single engine does), and otherwise go to the partner's partition on the bookings topic, where they are
 * booked on arrival.
 *
 * <p><b>A payout run in two rounds.</b> Released at its position, a payout run closes this partition's
 * partners (in id order), sends what that produced, then tells every partner partition "closed"
 * ({@link Staged.Closed}, after everything it sent before, on the same topic). Once every partner
 * partition has closed the run, this one pays its partners (in id order) and forgets the earnings of
 * payments past the refund window; until then it processes nothing after the run (shares sent to it are
 * still booked). {@link ReferralTopology} says why this gives the single engine's entries and payouts.
 */
final class PartnerProcessor implements Processor<String, Staged, String, PartnerProcessor.Out> {
    private static final Logger LOG = LoggerFactory.getLogger(PartnerProcessor.class);

    /** What the partner stage emits. */
    sealed interface Out permits Forward, Emit {
    }

    /**
     * A record for another partner partition (bookings topic).
     *
     * @param staged the record
     */
    record Forward(Staged staged) implements Out {
    }

    /** The output topics the partner stage writes to. */
    enum Topic {
        /** entries, FORMATS.md §3 */
        ENTRIES,
        /** payouts, FORMATS.md §3 */
        PAYOUTS,
        /** a message the partner stage refused (never expected: the customer stage decides every rejection) */
        REJECTIONS,
        /** notifications a partner is told (docs/lifecycle.md §5), keyed by partner */
        NOTIFICATIONS
    }

    /**
     * A record for an output topic.
     *
     * @param topic which topic
     * @param json  the value, FORMATS.md §3 JSON
     */
    record Emit(Topic topic, String json) implements Out {
    }

    // keys of the control store, by first byte; the sequencer's are 'B' (buffer) and 'M' (marks)
    private static final byte CLOSED = 'C';
    private static final byte PENDING = 'P';
    private static final byte WINDOW = 'W';
    private static final byte DEFERRED = 'D';
    private static final byte VALUE_VERSION = 1;

    private final ReferralTopology.Settings settings;
    private final ReferralTopology.StoreNames names;
    private final int fixedPartition;
    private final Long window;
    private ProcessorContext<String, Out> context;
    private int partition;
    private KafkaStateStore store;
    private KeyValueStore<Bytes, byte[]> control;
    private Transaction tx;
    private PartnerStage partners;
    private Sequencer sequencer;
    private long[] closed;
    private Pending pending;
    private Idempotency idempotency;
    /** The number of the next message deferred to after the payout run this partition waits to pay. */
    private long deferred;

    /** A payout run waiting for its second round. */
    private record Pending(long position, PayoutRun run) {
    }

    /**
     * @param settings       the topology's settings
     * @param names          the names of this stage's stores
     * @param fixedPartition the partition this processor plays, or -1 for its task's partition
     */
    PartnerProcessor(ReferralTopology.Settings settings, ReferralTopology.StoreNames names, int fixedPartition) {
        this.settings = settings;
        this.names = names;
        this.fixedPartition = fixedPartition;
        this.window = settings.program().retention().refundDays().map(d -> Nanos.days(d)).orElse(null);
    }

    @Override
    public void init(ProcessorContext<String, Out> context) {
        this.context = context;
        this.partition = fixedPartition >= 0 ? fixedPartition : context.taskId().partition();
        this.store = new KafkaStateStore(context.getStateStore(names.state()));
        settings.addInitialPartners(store);
        this.tx = new Transaction(store);
        this.partners = new PartnerStage(settings.program(), settings.partners());
        this.idempotency = new Idempotency(settings.program().retention().eventIds());
        this.control = context.getStateStore(names.control());
        this.sequencer = new Sequencer(control, settings.partitions());
        this.closed = new long[settings.partitions()];
        for (int p = 0; p < closed.length; p++) {
            byte[] v = control.get(closedKey(p));
            closed[p] = v == null ? -1 : ByteBuffer.wrap(v, 1, 8).getLong();
        }
        byte[] waiting = control.get(Bytes.wrap(new byte[] {PENDING}));
        if (waiting != null) {
            ByteBuffer b = ByteBuffer.wrap(waiting, 1, waiting.length - 1);
            long position = b.getLong();
            String json = new String(waiting, 9, waiting.length - 9, StandardCharsets.UTF_8);
            this.pending = new Pending(position, (PayoutRun) ReferralKitJson.read(json, Event.class, RejectionCode.INVALID_EVENT));
        }
        try (KeyValueIterator<Bytes, byte[]> it = control.range(deferredKey(0), deferredKey(Long.MAX_VALUE))) {
            while (it.hasNext()) {
                deferred = ByteBuffer.wrap(it.next().key.get(), 1, 8).getLong() + 1;
            }
        }
    }

    @Override
    public void process(Record<String, Staged> record) {
        long ts = record.timestamp();
        Staged in = record.value();
        if (in instanceof Staged.Mark k) {
            sequencer.advance(k.source(), k.position());
        } else if (in instanceof Staged.Message m) {
            sequencer.offer(m.position(), m.index(), Staged.SERDE.toBytes(new Staged.Message(0, m.position(), m.index(), m.message())));
            sequencer.advance(m.source(), m.position());
        } else if (in instanceof Staged.Event e) {
            sequencer.offer(e.position(), e.index(), Staged.SERDE.toBytes(new Staged.Event(0, e.position(), e.index(), e.json())));
            sequencer.advance(e.source(), e.position());
        } else if (in instanceof Staged.Sent s) {
            if (pending != null && s.source() >= 0 && s.source() < closed.length && closed[s.source()] >= pending.position()) {
                // sent after its partition paid the run this one has yet to pay: it comes from a later event (a
                // release or void of a hold would otherwise let this run pay what the engine pays later)
                control.put(deferredKey(deferred++), s.message());
            } else {
                apply(MessageCodec.decode(s.message()), ts);
            }
            return;
        } else if (in instanceof Staged.Closed c) {
            closed(c.source(), c.position());
            if (pending != null && allClosed(pending.position())) {
                pay(pending, ts);
            }
        }
        drain(ts);
    }

    /** Processes the released records in order, until none is due or a payout run waits for its second round. */
    private void drain(long ts) {
        if (pending != null) {
            return;
        }
        for (KeyValue<Bytes, byte[]> due : sequencer.due()) {
            sequencer.remove(due.key);
            Staged next = Staged.SERDE.fromBytes(due.value);
            if (next instanceof Staged.Message m) {
                apply(MessageCodec.decode(m.message()), ts);
            } else if (next instanceof Staged.Event e) {
                event(e, ts);
                if (pending != null) {
                    return;
                }
            } else {
                throw new IllegalStateException("the sequencer holds only messages and events, not " + next);
            }
        }
    }

    private void event(Staged.Event e, long ts) {
        Event event = ReferralKitJson.read(new String(e.json(), StandardCharsets.UTF_8), Event.class, RejectionCode.INVALID_EVENT);
        if (event instanceof PartnerEvent pe) {
            if (settings.partitionOf(pe.partner()) == partition) {
                partnerEvent(pe, ts);
            }
        } else if (event instanceof PartnerChange change) {
            tx.begin();
            try {
                PartnerChanges.apply(settings.program(), tx, change);
                tx.commit();
            } catch (RuntimeException | Error x) {
                rollback(x);
                throw x;
            }
        } else if (event instanceof PayoutRun run) {
            close(e.position(), run, e.json(), ts);
        } else {
            LOG.debug("the partner stage has nothing to do for {} {}", event.typeName(), event.id());
        }
    }

    /**
     * A partner event (docs/payouts.md §6) in its partner's partition, as {@code ReferralEngine.process} decides it:
     * idempotency and lateness over this partition's store, then the partner stage; a refusal changes nothing
     * and goes to the rejections topic (keyed as the input was: not at all).
     */
    private void partnerEvent(PartnerEvent event, long ts) {
        Collector out = new Collector();
        tx.begin();
        try {
            int fingerprint = Fingerprint.of(event);
            idempotency.check(event, fingerprint, store);
            partners.apply(PartnerEvents.route(event).orElseThrow(), tx, out);
            idempotency.remember(event, fingerprint, tx);
            tx.commit();
        } catch (ReferralKitException x) {
            tx.rollback();
            context.forward(new Record<>(null, new Emit(Topic.REJECTIONS,
                    ReferralKitJson.write(Rejection.of(event.id(), x.withContext(event.typeName() + " " + event.id())))), ts));
            return;
        } catch (RuntimeException | Error x) {
            rollback(x);
            throw x;
        }
        out.emit(ts);
    }

    /** The first round of a payout run: this partition's partners close their periods. */
    private void close(long position, PayoutRun run, byte[] json, long ts) {
        long at = Nanos.of(run.at());
        for (String p : mine()) {
            apply(new PartnerMessage.Close(p, run.id(), at), ts);
        }
        closed(partition, position);
        context.forward(new Record<>(CustomerProcessor.EVERY_PARTITION, new Forward(new Staged.Closed(partition, position)), ts));
        Pending waiting = new Pending(position, run);
        if (allClosed(position)) {
            pay(waiting, ts);
        } else {
            control.put(Bytes.wrap(new byte[] {PENDING}),
                    ByteBuffer.allocate(1 + 8 + json.length).put(VALUE_VERSION).putLong(position).put(json).array());
            pending = waiting;
        }
    }

    /** The second round: every partner partition closed the run; this one pays its partners. */
    private void pay(Pending run, long ts) {
        long at = Nanos.of(run.run().at());
        for (String p : mine()) {
            apply(new PartnerMessage.Pay(p, run.run().id(), at), ts);
        }
        forgetEarnings(at);
        tx.begin();
        try {
            idempotency.payoutRun(at, tx); // for the lateness of later partner events, as every customer partition does
            tx.commit();
        } catch (RuntimeException | Error x) {
            rollback(x);
            throw x;
        }
        if (pending != null) {
            control.delete(Bytes.wrap(new byte[] {PENDING}));
            pending = null;
        }
        List<KeyValue<Bytes, byte[]>> later = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = control.range(deferredKey(0), deferredKey(Long.MAX_VALUE))) {
            it.forEachRemaining(later::add);
        }
        for (KeyValue<Bytes, byte[]> d : later) {
            control.delete(d.key);
            apply(MessageCodec.decode(d.value), ts);
        }
        deferred = 0;
    }

    private static Bytes deferredKey(long n) {
        return Bytes.wrap(ByteBuffer.allocate(9).put(DEFERRED).putLong(n).array());
    }

    /** This partition's partners, in id order. */
    private List<String> mine() {
        List<String> mine = new ArrayList<>();
        store.forEachPartner(p -> {
            if (settings.partitionOf(p.id()) == partition) {
                mine.add(p.id());
            }
        });
        return mine;
    }

    private void closed(int source, long position) {
        if (source < 0 || source >= closed.length) {
            throw new IllegalArgumentException("partner partition " + source + " is outside 0-" + (closed.length - 1)
                    + ": the topology was built for " + closed.length + " partitions");
        }
        if (position > closed[source]) {
            closed[source] = position;
            control.put(closedKey(source), ByteBuffer.allocate(9).put(VALUE_VERSION).putLong(position).array());
        }
    }

    private boolean allClosed(long position) {
        for (long c : closed) {
            if (c < position) {
                return false;
            }
        }
        return true;
    }

    private static Bytes closedKey(int source) {
        return Bytes.wrap(ByteBuffer.allocate(5).put(CLOSED).putInt(source).array());
    }

    /** Applies one message in its own transaction; entries, payouts and messages for other partitions go out after it commits. */
    private void apply(PartnerMessage message, long ts) {
        Collector out = new Collector();
        tx.begin();
        try {
            partners.apply(message, tx, out);
            tx.commit();
        } catch (ReferralKitException e) {
            tx.rollback();
            // the customer stage decides every rejection; a refusal here is a defect, reported, never silent
            LOG.error("the partner stage refused a message the customer stage accepted, for partner {}: {}", message.partner(),
                    e.getMessage());
            context.forward(new Record<>(message.partner(), new Emit(Topic.REJECTIONS, ReferralKitJson.write(ImmutableRejection.builder()
                    .event(eventOf(message)).code(e.code()).message("partner stage, partner " + message.partner() + ": " + e.getMessage())
                    .build())), ts));
            return;
        } catch (RuntimeException | Error x) {
            rollback(x);
            throw x;
        }
        PartnerMessage inner = message instanceof PartnerMessage.Screened screened ? screened.inner() : message;
        if (window != null && inner instanceof PartnerMessage.PaymentEarned m
                && store.earning(m.partner(), m.paymentHi(), m.paymentLo()) != null) {
            control.put(windowKey(Nanos.of(m.payment().at()), m.partner(), m.paymentHi(), m.paymentLo()), new byte[] {VALUE_VERSION});
        }
        out.emit(ts);
    }

    private void rollback(Throwable failure) {
        try {
            tx.rollback();
        } catch (RuntimeException undo) {
            failure.addSuppressed(undo);
        }
    }

    /**
     * The refund window on the partner side (docs/engine.md §4): a payout run at T forgets what partners
     * earned from payments with {@code at + refundDays < T}, as {@code RefundWindow} does in one process.
     * The earnings are found through an index ordered by payment instant, written as they are made.
     */
    private void forgetEarnings(long at) {
        if (window == null) {
            return;
        }
        long cutoff = at - window;
        Bytes from = Bytes.wrap(new byte[] {WINDOW});
        Bytes to = Bytes.wrap(ByteBuffer.allocate(9).put(WINDOW).putLong(cutoff ^ Long.MIN_VALUE).array());
        List<Bytes> old = new ArrayList<>();
        try (KeyValueIterator<Bytes, byte[]> it = control.range(from, to)) {
            while (it.hasNext()) {
                Bytes key = it.next().key;
                if ((ByteBuffer.wrap(key.get(), 1, 8).getLong() ^ Long.MIN_VALUE) < cutoff) {
                    old.add(key);
                }
            }
        }
        if (old.isEmpty()) {
            return;
        }
        RefundWindow rule = new RefundWindow(settings.program());
        List<Bytes> kept = new ArrayList<>(0);
        tx.begin();
        try {
            for (Bytes key : old) {
                long paymentAt = ByteBuffer.wrap(key.get(), 1, 8).getLong() ^ Long.MIN_VALUE;
                ByteBuffer b = ByteBuffer.wrap(key.get(), 9, key.get().length - 9);
                byte[] id = new byte[b.getInt()];
                b.get(id);
                String partner = new String(id, StandardCharsets.UTF_8);
                EarningRecord earning = store.earning(partner, b.getLong(), b.getLong());
                if (earning != null && rule.keepsEarning(store, partner, paymentAt)) {
                    kept.add(key); // as the engine: kept until the retroactive period holding it closes
                } else if (earning != null) {
                    tx.remove(earning);
                }
            }
            tx.commit();
        } catch (RuntimeException | Error x) {
            rollback(x);
            throw x;
        }
        old.removeAll(kept);
        old.forEach(control::delete);
    }

    static Bytes windowKey(long paymentAt, String partner, long paymentHi, long paymentLo) {
        byte[] id = partner.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(1 + 8 + 4 + id.length + 16).put(WINDOW).putLong(paymentAt ^ Long.MIN_VALUE)
                .putInt(id.length).put(id).putLong(paymentHi).putLong(paymentLo).array());
    }

    private static String eventOf(PartnerMessage m) {
        if (m instanceof PartnerMessage.PaymentEarned p) {
            return p.payment().id();
        } else if (m instanceof PartnerMessage.Click c) {
            return c.touch();
        } else if (m instanceof PartnerMessage.LeadEarned l) {
            return l.lead();
        } else if (m instanceof PartnerMessage.StageEarned s) {
            return s.event().id();
        } else if (m instanceof PartnerMessage.Refunded r) {
            return r.refund();
        } else if (m instanceof PartnerMessage.Booked b) {
            return b.entry().event();
        } else if (m instanceof PartnerMessage.Close c) {
            return c.run();
        } else if (m instanceof PartnerMessage.Pay p) {
            return p.run();
        } else if (m instanceof PartnerMessage.Screened s) {
            return eventOf(s.inner());
        } else if (m instanceof PartnerMessage.BookedHeld b) {
            return b.entry().event();
        } else if (m instanceof PartnerMessage.HoldEnded h) {
            return h.review();
        } else if (m instanceof PartnerMessage.Keyed k) {
            return k.event().id();
        }
        return "?";
    }

    /** Collects one message's results; messages for this partition's partners run at once, depth-first, in the same transaction. */
    private final class Collector implements PartnerStage.Output {
        private final List<Entry> entries = new ArrayList<>(2);
        private final List<Payout> payouts = new ArrayList<>(0);
        private final List<PartnerMessage> elsewhere = new ArrayList<>(0);
        private final List<dev.referralkit.engine.stage.Notification> told = new ArrayList<>(0);

        @Override
        public void notify(dev.referralkit.engine.stage.Notification notification) {
            told.add(notification);
        }

        @Override
        public void entry(Entry entry) {
            entries.add(entry);
        }

        @Override
        public void payout(Payout payout) {
            payouts.add(payout);
        }

        @Override
        public void send(PartnerMessage message) {
            if (settings.partitionOf(message.partner()) == partition) {
                partners.apply(message, tx, this);
            } else {
                elsewhere.add(message);
            }
        }

        void emit(long ts) {
            for (Entry e : entries) {
                context.forward(new Record<>(e.partner(), new Emit(Topic.ENTRIES, ReferralKitJson.write(e)), ts));
            }
            for (Payout p : payouts) {
                context.forward(new Record<>(p.partner(), new Emit(Topic.PAYOUTS, ReferralKitJson.write(p)), ts));
            }
            for (PartnerMessage m : elsewhere) {
                context.forward(new Record<>(m.partner(), new Forward(new Staged.Sent(partition, MessageCodec.encode(m))), ts));
            }
            if (settings.topics().notifications().isPresent()) {
                for (dev.referralkit.engine.stage.Notification n : Notifications.of(told, entries, payouts)) {
                    context.forward(new Record<>(n.partner(), new Emit(Topic.NOTIFICATIONS, Notifications.json(n)), ts));
                }
            }
        }
    }
}
