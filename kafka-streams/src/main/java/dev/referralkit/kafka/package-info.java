/**
 * ReferralKit on Kafka Streams: the building blocks of the topology that runs the engine's two
 * stages over partitioned topics and state stores.
 *
 * <h2>The topology (the shape every part here serves)</h2>
 * <pre>
 *  events (input topic, keyed by customer; payout runs and clocks written to every partition)
 *    │
 *    ▼
 *  customer stage ── processor over persistent key-value stores (customer records; this
 *    │                partition's clock and latest payout run); bad records ─► rejections
 *    ▼
 *  attributed records ─► repartition topic keyed by partner ({@link dev.referralkit.kafka.Broadcast}:
 *    │                   payout runs and progress marks go to every partition)
 *    ▼
 *  partner stage ── processor over its stores, fed in event-time order by the
 *    │              event-time sequencer (a package-private class)
 *    ▼
 *  entries, payouts (output topics keyed by partner)
 * </pre>
 *
 * <h2>What is here</h2>
 * <ul>
 *   <li>{@link dev.referralkit.kafka.VersionedSerde}: every record on a topic or in a store starts with
 *       a format version byte; unknown versions fail with a message that says what to do.</li>
 *   <li>{@link dev.referralkit.kafka.EventInput}: the input topic's contract (events as FORMATS.md JSON
 *       keyed by customer, payout runs and clock records on every partition) and its reader, which
 *       turns any bad record into a rejection instead of an exception, so that bad input never stops
 *       the application.</li>
 *   <li>{@link dev.referralkit.kafka.Broadcast}: a {@code StreamPartitioner} that multicasts some
 *       records to every partition (Kafka Streams 3.4+, KIP-837) and leaves the rest to the default
 *       partitioner.</li>
 *   <li>The event-time sequencer (package-private): the partner stage's reorder buffer. A partner
 *       partition receives records from every customer partition in an order that depends on
 *       partitioning and timing; the partner stage is order-sensitive (tiers, caps, payout runs), so
 *       the buffer holds records in a store sorted by {@code (at, tie-break)} and releases them only
 *       once every customer partition has promised that nothing earlier will follow.</li>
 *   <li>{@link dev.referralkit.kafka.StoreKind}: RocksDB or in-memory stores, both changelogged.</li>
 * </ul>
 *
 * <h2>Why the partitioned topology gives the single engine's answer</h2>
 * <ol>
 *   <li>All of a customer's events are in one input partition, in order: the customer stage sees
 *       them as the single engine does.</li>
 *   <li>Each customer partition processes its events in non-decreasing {@code at} and refuses an
 *       earlier one (a single engine only requires this per customer; histories whose accepted
 *       events are in time order, as the testkit's are, are unaffected). So each record it sends is
 *       also a promise: nothing earlier follows from this partition. It sends the promise to every
 *       partner partition from time to time (a broadcast progress mark) and at each payout run.</li>
 *   <li>A payout run is written by the host to every input partition, at its place in each
 *       partition's order; each customer partition then knows the latest run (for
 *       {@code LATE_EVENT}) and forwards the run to every partner partition after everything it
 *       accepted before the run. Copies from several customer partitions are one record in the
 *       sequencer.</li>
 *   <li>The sequencer releases a record only when it is earlier than every customer partition's
 *       promise; records are then processed in {@code (at, tie-break)} order, which is the input
 *       order of a history whose accepted events have increasing {@code at}. Ties of equal
 *       {@code at} across customers are ordered by the tie-break (the event id), where a single engine
 *       uses input order.</li>
 *   <li>Clock records (written to every partition, like runs) let the promises advance when a
 *       partition has no traffic; without them, a quiet partition holds back the partner stage
 *       (latency, never a wrong answer).</li>
 *   <li>State lives in changelogged stores and every record is processed under
 *       {@code processing.guarantee=exactly_once_v2}: an instance that stops mid-stream loses and
 *       duplicates nothing (shown on a real broker by the module's tests).</li>
 * </ol>
 *
 * <p>This package is an automatic module, {@code dev.referralkit.kafka}: Kafka's jars declare no
 * module names, and a module descriptor would have to require names derived from their file names.
 */
package dev.referralkit.kafka;
