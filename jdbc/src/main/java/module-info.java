/**
 * ReferralKit on a real database: the durable engine, which keeps the event journal, the ledger,
 * payouts and the engine's records in PostgreSQL or H2, migrated with Flyway, written one transaction
 * per event or batch.
 */
module dev.referralkit.jdbc {
    requires transitive dev.referralkit.engine;
    requires transitive java.sql;
    requires static org.immutables.value.annotations;
    // Flyway's jar names no module; its automatic name comes from the file name
    requires flyway.core;
    requires org.slf4j;

    exports dev.referralkit.jdbc;
}
