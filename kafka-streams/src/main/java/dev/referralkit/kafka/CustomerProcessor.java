package dev.referralkit.kafka;

import dev.referralkit.ReferralKitException;
import dev.referralkit.engine.stage.CustomerStage;
import dev.referralkit.engine.stage.Fingerprint;
import dev.referralkit.engine.stage.Idempotency;
import dev.referralkit.engine.stage.MessageCodec;
import dev.referralkit.engine.stage.PartnerChanges;
import dev.referralkit.engine.stage.PartnerMessage;
import dev.referralkit.engine.stage.RefundWindow;
import dev.referralkit.engine.stage.Transaction;
import dev.referralkit.engine.state.Nanos;
import dev.referralkit.event.Event;
import dev.referralkit.event.PartnerChange;
import dev.referralkit.event.PayoutRun;
import dev.referralkit.json.ReferralKitJson;
import dev.referralkit.kafka.Ingest.Sequenced;
import dev.referralkit.ledger.Binding;
import dev.referralkit.ledger.Rejection;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * The customer stage of one customer partition: every input record of the partition, in position
 * order, through the single engine's customer-side sequence ({@code ReferralEngine.process}): the
 * fingerprint, {@link Idempotency} ({@code DUPLICATE}, {@code DUPLICATE_CONFLICT}, {@code LATE_EVENT}),
 * {@link CustomerStage#checkReferences}, the checks of a partner change, {@link CustomerStage#apply}
 * (which decides every customer-side rejection, {@code MISSING_FX_RATE} included), a partner change
 * applied to this partition's copy of the partners, a payout run's bookkeeping ({@link Idempotency#payoutRun},
 * {@link RefundWindow#payoutRun} over the payments of this partition) and the id remembered, all in one
 * {@link Transaction} over the partition's store, rolled back on a rejection.
 *
 * <p>What comes out: each {@link PartnerMessage} of an accepted event, for its partner's task, in the
 * order the stage made them (their index); an accepted event that names no customer, for every partner
 * task; the router's marks, passed on; a rejection (JSON, FORMATS.md §3) for the rejections topic; a
 * binding for the bindings topic. A record for every partition (a payout run, a partner change, a bad
 * record without a key) is read by every customer partition alike: only partition 0 reports its
 * rejection, and only partition 0 passes it on to the partner stage (the others' next records and marks
 * promise that they are past it).
 *
 * <p>The processor knows nothing of event types beyond the engine's own sequence: new event types and
 * messages reach the partner stage through {@link CustomerStage#apply} and {@link MessageCodec}.
 */
final class CustomerProcessor implements Processor<byte[], Sequenced, String, CustomerProcessor.Out> {
    /** What the customer stage emits. */
    sealed interface Out permits Forward, Emit {
    }

    /**
     * A record for the partner stage.
     *
     * @param staged the record
     */
    record Forward(Staged staged) implements Out {
    }

    /** The output topics the customer stage writes to. */
    enum Topic {
        /** FORMATS.md §3 rejections */
        REJECTIONS,
        /** FORMATS.md §3 bindings */
        BINDINGS
    }

    /**
     * A record for an output topic.
     *
     * @param topic which topic
     * @param json  the value, FORMATS.md §3 JSON
     */
    record Emit(Topic topic, String json) implements Out {
    }

    /** The key of a record for every partner partition (routed by the partitioner, not the key). */
    static final String EVERY_PARTITION = "*";

    private final ReferralTopology.Settings settings;
    private final String storeName;
    private final int fixedPartition;
    private ProcessorContext<String, Out> context;
    private int partition;
    private KafkaStateStore store;
    private Transaction tx;
    private Idempotency idempotency;
    private RefundWindow refundWindow;
    private CustomerStage customers;
    private dev.referralkit.engine.stage.Registrations registrations;

    /**
     * @param settings       the topology's settings
     * @param storeName      the name of this stage's store
     * @param fixedPartition the partition this processor plays, or -1 for its task's partition
     */
    CustomerProcessor(ReferralTopology.Settings settings, String storeName, int fixedPartition) {
        this.settings = settings;
        this.storeName = storeName;
        this.fixedPartition = fixedPartition;
    }

    @Override
    public void init(ProcessorContext<String, Out> context) {
        this.context = context;
        this.partition = fixedPartition >= 0 ? fixedPartition : context.taskId().partition();
        this.store = new KafkaStateStore(context.getStateStore(storeName));
        settings.addInitialPartners(store);
        this.tx = new Transaction(store);
        this.idempotency = new Idempotency(settings.program().retention().eventIds());
        this.refundWindow = new RefundWindow(settings.program());
        this.customers = new CustomerStage(settings.program());
        this.registrations = new dev.referralkit.engine.stage.Registrations(settings.program());
    }

    @Override
    public void process(Record<byte[], Sequenced> record) {
        Sequenced in = record.value();
        long ts = record.timestamp();
        if (in.kind() == Ingest.Kind.MARK) {
            context.forward(new Record<>(EVERY_PARTITION, new Forward(new Staged.Mark(partition, in.position())), ts));
            return;
        }
        boolean reports = !in.everyPartition() || partition == 0;
        EventInput.Read read = EventInput.read(in.key(), in.value());
        if (read instanceof EventInput.Refused r) {
            if (reports) {
                reject(r.key(), r.rejection(), ts);
            }
            return;
        }
        Event event = ((EventInput.Accepted) read).event();
        List<PartnerMessage> messages = new ArrayList<>(2);
        Binding binding;
        tx.begin();
        try {
            int fingerprint = Fingerprint.of(event);
            idempotency.check(event, fingerprint, store);
            customers.checkReferences(event, store);
            if (event instanceof PartnerChange change) {
                PartnerChanges.check(settings.program(), store, change);
            } else if (event instanceof dev.referralkit.event.Registration || event instanceof dev.referralkit.event.RegistrationDecision) {
                registrations.check(store, event); // unkeyed: every customer partition keeps every registration
            }
            binding = customers.apply(event, tx, messages::add);
            if (event instanceof PartnerChange change) {
                PartnerChanges.apply(settings.program(), tx, change);
            } else if (event instanceof dev.referralkit.event.Registration || event instanceof dev.referralkit.event.RegistrationDecision) {
                registrations.apply(tx, event);
            } else if (event instanceof PayoutRun run) {
                long at = Nanos.of(run.at());
                idempotency.payoutRun(at, tx);
                refundWindow.payoutRun(at, tx);
            }
            idempotency.remember(event, fingerprint, tx);
            tx.commit();
        } catch (ReferralKitException e) {
            tx.rollback();
            if (reports) {
                reject(event.customerId().orElse(null), Rejection.of(event.id(), e.withContext(event.typeName() + " " + event.id())), ts);
            }
            return;
        } catch (RuntimeException | Error e) {
            try {
                tx.rollback();
            } catch (RuntimeException undo) {
                e.addSuppressed(undo);
            }
            throw e;
        }
        for (int i = 0; i < messages.size(); i++) {
            PartnerMessage m = messages.get(i);
            context.forward(new Record<>(m.partner(), new Forward(new Staged.Message(partition, in.position(), i,
                    MessageCodec.encode(m))), ts));
        }
        if (in.everyPartition() && partition == 0) {
            // every customer partition applied it alike; partition 0 speaks for all, as for rejections
            context.forward(new Record<>(EVERY_PARTITION, new Forward(new Staged.Event(partition, in.position(), messages.size(),
                    in.value())), ts));
        }
        if (binding != null) {
            context.forward(new Record<>(binding.customer(), new Emit(Topic.BINDINGS, ReferralKitJson.write(binding)), ts));
        }
    }

    private void reject(String key, Rejection rejection, long ts) {
        context.forward(new Record<>(key, new Emit(Topic.REJECTIONS, ReferralKitJson.write(rejection)), ts));
    }
}
