/**
 * The append-only ledger (SPEC.md §6): entries credited to partners, payout records, balances
 * derived from entries, bindings and rejections, and the result document of FORMATS.md §3.
 */
@Value.Style(jdkOnly = true, jdk9Collections = false, defaults = @Value.Immutable(copy = true),
        visibility = Value.Style.ImplementationVisibility.PUBLIC)
package dev.referralkit.ledger;

import org.immutables.value.Value;
