/**
 * ReferralKit on Kafka Streams: the building blocks of the topology that runs the engine's two
 * stages over partitioned topics and state stores.
 *
 * <h2>The topology (the shape every part here serves)</h2>
 * <pre>
 *  ingest (the host's topic, ONE partition: its order is the processing order)
 *    │     events as FORMATS.md JSON, keyed by customer; payout runs and partner changes unkeyed
 *    ▼
 *  router ── stamps each record's position (its ingest offset), no parsing, no state
 *    │
 *    ▼  repartition by customer; unkeyed records and marks to every partition ({@link dev.referralkit.kafka.Broadcast})
 *  customer stage ── processor over persistent key-value stores; bad records ─► rejections
 *    │
 *    ▼  repartition by partner; payout runs and marks to every partition
 *  partner stage ── processor over its stores, fed in input order by a sequencer
 *    │
 *    ▼
 *  entries, payouts (output topics keyed by partner)
 * </pre>
 *
 * <h2>What is here</h2>
 * <ul>
 *   <li>{@link dev.referralkit.kafka.VersionedSerde}: every record on a topic or in a store starts with
 *       a format version byte; unknown versions fail with a message that says what to do.</li>
 *   <li>{@link dev.referralkit.kafka.EventInput}: the input contract and its reader, which turns any
 *       bad record into a rejection instead of an exception, so that bad input never stops the
 *       application.</li>
 *   <li>{@link dev.referralkit.kafka.Broadcast}: a {@code StreamPartitioner} that multicasts some
 *       records to every partition (Kafka Streams 3.4+, KIP-837; works through {@code repartition()})
 *       and leaves the rest to the default partitioner.</li>
 *   <li>The router ({@code Ingest}, package-private): positions and routing.</li>
 *   <li>The sequencer ({@code Sequencer}, package-private): a downstream stage's reorder buffer,
 *       releasing records in position order once every upstream partition has promised that nothing
 *       earlier follows.</li>
 *   <li>{@link dev.referralkit.kafka.StoreKind}: RocksDB or in-memory stores, both changelogged.</li>
 * </ul>
 *
 * <h2>Why the partitioned topology gives the single engine's answer</h2>
 * <ol>
 *   <li>SPEC §3 processes events in the order given. The one-partition ingest topic <em>is</em> that
 *       order, and each record's offset is its position in it. Event time cannot replace it: the
 *       shared scenarios tell one customer's story after another's, so time goes back between
 *       customers, and the single engine allows that.</li>
 *   <li>All of a customer's events go to one customer partition, in position order: the customer stage
 *       sees them as the single engine does.</li>
 *   <li>A record without a key (a payout run, a partner change) goes to every customer partition at
 *       its position, so that each knows it at the right moment (the latest run for
 *       {@code LATE_EVENT}) and forwards it after everything it accepted before it. Copies of one
 *       record are one record in the sequencer (same position, same key), and only customer partition
 *       0 reports its rejection.</li>
 *   <li>Each customer partition processes positions in increasing order, so every record it sends
 *       downstream is a promise: nothing earlier follows from it. Marks from the router (on a
 *       wall-clock schedule, through every customer partition) carry the promise when a partition
 *       has no traffic. The sequencer releases a record only when its position is below every
 *       customer partition's promise, and releases in position order: the single engine's order,
 *       whatever the partition count and whatever the timing.</li>
 *   <li>State lives in changelogged stores and every record is processed under
 *       {@code processing.guarantee=exactly_once_v2}: an instance that stops mid-stream loses and
 *       duplicates nothing (shown on a real broker by the module's tests).</li>
 * </ol>
 *
 * <p>This package is an automatic module, {@code dev.referralkit.kafka}: Kafka's jars declare no
 * module names, and a module descriptor would have to require names derived from their file names.
 */
package dev.referralkit.kafka;
