package dev.referralkit.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.referralkit.engine.state.CustomerRecord;
import dev.referralkit.engine.state.EventRecord;
import dev.referralkit.engine.state.KeyValueStateStore;
import dev.referralkit.engine.state.OpenEntryRecord;
import dev.referralkit.engine.state.PartnerRecord;
import dev.referralkit.engine.state.PaymentRecord;
import dev.referralkit.engine.state.StateRecord;
import dev.referralkit.engine.state.StateStore;
import dev.referralkit.program.ImmutablePartner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The engine's state over a real Kafka Streams store (RocksDB and in-memory, each behind the record
 * cache) answers as the reference {@link KeyValueStateStore#inMemory()} does, lookups and scans alike:
 * random puts, removals and forgotten event buckets, with keys whose bytes have the high bit set (hashes,
 * negative sequence numbers), in batches that end in a commit (so that reads come from the cache and from
 * the store underneath).
 */
class KafkaStateStoreTest {
    private static final String STORE = "state";
    private static final List<Currency> CURRENCIES = List.of(Currency.getInstance("USD"), Currency.getInstance("EUR"));

    @TempDir
    Path stateDir;

    @ParameterizedTest
    @EnumSource(StoreKind.class)
    void answersAsTheReferenceStoreDoes(StoreKind kind) {
        StateStore reference = KeyValueStateStore.inMemory();
        int[] checks = {0};
        StreamsBuilder builder = new StreamsBuilder();
        builder.addStateStore(KafkaStateStore.builder(STORE, kind));
        builder.stream("ops", Consumed.with(Serdes.String(), Serdes.Long())).process(() -> new Processor<String, Long, Void, Void>() {
            private KafkaStateStore store;

            @Override
            public void init(ProcessorContext<Void, Void> context) {
                KeyValueStore<Bytes, byte[]> kv = context.getStateStore(STORE);
                store = new KafkaStateStore(kv);
            }

            @Override
            public void process(Record<String, Long> record) {
                SplittableRandom r = new SplittableRandom(record.value());
                for (int i = 0; i < 40; i++) {
                    operate(r, store, reference);
                }
                compare(store, reference);
                checks[0]++;
            }
        }, STORE);
        try (TopologyTestDriver driver = new TopologyTestDriver(builder.build(), Runs.props("store-" + kind, stateDir))) {
            TestInputTopic<String, Long> ops = driver.createInputTopic("ops", new StringSerializer(),
                    new org.apache.kafka.common.serialization.LongSerializer());
            for (long batch = 0; batch < 60; batch++) {
                ops.pipeInput("k", batch);
            }
        }
        assertThat(checks[0]).isEqualTo(60);
    }

    private static void operate(SplittableRandom r, StateStore store, StateStore reference) {
        StateRecord record = switch (r.nextInt(5)) {
            case 0 -> CustomerRecord.fresh(signed(r), signed(r));
            case 1 -> new PaymentRecord(signed(r), (int) signed(r), signed(r), signed(r), CURRENCIES.get(r.nextInt(2)), r.nextLong(1000),
                    0, r.nextLong() >> 8);
            case 2 -> new EventRecord(r.nextInt(3) - 1, signed(r), r.nextInt());
            case 3 -> new OpenEntryRecord("p" + r.nextInt(3), CURRENCIES.get(r.nextInt(2)), signed(r) >> 50, "e" + r.nextInt(100),
                    r.nextLong(1000) - 500, r.nextLong());
            default -> new PartnerRecord(r.nextInt(5), ImmutablePartner.builder().id("p" + r.nextInt(5)).build(), r.nextLong());
        };
        switch (r.nextInt(6)) {
            case 0 -> {
                store.remove(record);
                reference.remove(record);
            }
            case 1 -> {
                int bucket = r.nextInt(3) - 1;
                store.forgetEvents(bucket);
                reference.forgetEvents(bucket);
            }
            default -> {
                store.put(record);
                reference.put(record);
            }
        }
    }

    /** Keys in the signed range, so that unsigned byte order and signed order differ. */
    private static long signed(SplittableRandom r) {
        return r.nextInt(4) == 0 ? r.nextLong(16) - 8 : r.nextLong();
    }

    private static void compare(StateStore store, StateStore reference) {
        assertThat(all(store)).isEqualTo(all(reference));
        assertThat(store.partnerCount()).isEqualTo(reference.partnerCount());
        List<PartnerRecord> partners = new ArrayList<>();
        List<PartnerRecord> expected = new ArrayList<>();
        store.forEachPartner(partners::add);
        reference.forEachPartner(expected::add);
        assertThat(partners).isEqualTo(expected);
        for (int p = 0; p < 5; p++) {
            assertThat(store.partner("p" + p)).isEqualTo(reference.partner("p" + p));
            List<OpenEntryRecord> open = new ArrayList<>();
            List<OpenEntryRecord> openExpected = new ArrayList<>();
            store.forEachOpenEntry("p" + p, open::add);
            reference.forEachOpenEntry("p" + p, openExpected::add);
            assertThat(open).isEqualTo(openExpected);
        }
        List<PaymentRecord> payments = new ArrayList<>();
        List<PaymentRecord> paymentsExpected = new ArrayList<>();
        store.forEachPaymentBefore(0, payments::add);
        reference.forEachPaymentBefore(0, paymentsExpected::add);
        assertThat(payments).isEqualTo(paymentsExpected);
        for (StateRecord r : all(reference)) {
            if (r instanceof CustomerRecord c) {
                assertThat(store.customer(c.hi(), c.lo())).isEqualTo(c);
            } else if (r instanceof PaymentRecord p) {
                assertThat(store.payment(p.hi(), p.lo())).isEqualTo(p);
            } else if (r instanceof EventRecord e) {
                assertThat(store.event(e.bucket(), e.hash())).isEqualTo(e);
            }
        }
    }

    private static List<StateRecord> all(StateStore store) {
        List<StateRecord> all = new ArrayList<>();
        store.forEach(all::add);
        return all;
    }
}
