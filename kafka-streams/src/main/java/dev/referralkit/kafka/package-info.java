/**
 * ReferralKit on Kafka Streams: the engine's two stages as a partitioned, exactly-once application that
 * gives one {@code ReferralEngine}'s answer whatever the number of partitions.
 *
 * <h2>The topology</h2>
 * <pre>
 *  ingest (the host's topic, ONE partition: its order is the processing order)
 *    │     events as FORMATS.md JSON, keyed by customer; payout runs and partner changes unkeyed
 *    ▼
 *  router ── stamps each record's position (its ingest offset), no parsing, no state
 *    │
 *    ▼  repartition by customer; unkeyed records and marks to every partition
 *  customer stage ── the engine's customer side over a Kafka store per partition; bad records ─► rejections
 *    │
 *    ▼  repartition by partner; accepted unkeyed events and marks to every partition
 *  partner stage ── a sequencer restores input order; the engine's partner side over its stores
 *    │   ▲
 *    │   └── bookings topic: shares for another partition's partner; "closed" rounds of payout runs
 *    ▼
 *  entries, payouts (keyed by partner), rejections, bindings
 * </pre>
 *
 * <h2>What is here</h2>
 * <ul>
 *   <li>{@link dev.referralkit.kafka.ReferralTopology}: the topology factory, and the design: why this
 *       shape gives the single engine's answer, how payout runs and parent shares cross partitions, and
 *       what was decided where SPEC.md assumes one process.</li>
 *   <li>{@link dev.referralkit.kafka.EventInput}: the input contract and its reader, which turns any bad
 *       record into a rejection instead of an exception, so that bad input never stops the application.</li>
 *   <li>{@link dev.referralkit.kafka.VersionedSerde}: every record on an internal topic or in a store
 *       starts with a format version byte; unknown versions fail with a message that says what to do.</li>
 *   <li>{@link dev.referralkit.kafka.Broadcast}: a {@code StreamPartitioner} that multicasts some records
 *       to every partition (Kafka Streams 3.4+, KIP-837) and leaves the rest to the default partitioner.</li>
 *   <li>{@link dev.referralkit.kafka.StoreKind}: RocksDB or in-memory stores, both changelogged.</li>
 *   <li>Package-private: the router ({@code Ingest}), the two stages' processors ({@code CustomerProcessor},
 *       {@code PartnerProcessor}), the record between them ({@code Staged}), the sequencer
 *       ({@code Sequencer}) and the engine's {@code StateStore} over a Kafka store ({@code KafkaStateStore}).</li>
 * </ul>
 *
 * <p>This package is an automatic module, {@code dev.referralkit.kafka}: Kafka's jars declare no module
 * names, and a module descriptor would have to require names derived from their file names.
 */
package dev.referralkit.kafka;
