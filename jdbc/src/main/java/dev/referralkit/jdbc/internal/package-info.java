/**
 * The store behind the durable engine: {@link dev.referralkit.jdbc.internal.JdbcStore} (open, migrate,
 * write a batch in one transaction, read back), its rows, and the SQL dialects. Not exported.
 */
package dev.referralkit.jdbc.internal;
