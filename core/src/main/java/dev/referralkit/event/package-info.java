/**
 * Events: the immutable facts a host reports (SPEC.md §3, FORMATS.md §2). Every event has an
 * {@code id} (1–128 characters, unique within a program), an instant {@code at} and a JSON
 * {@code type}: {@code touch}, {@code lead}, {@code payment}, {@code refund}, {@code partner},
 * {@code payout_run}. Values validate themselves when built: identifiers, currencies and amounts
 * are checked before any arithmetic, and amounts are normalised to the currency's scale, so two
 * events with the same content are {@code equal}.
 */
@Value.Style(jdkOnly = true, jdk9Collections = false, defaults = @Value.Immutable(copy = true),
        visibility = Value.Style.ImplementationVisibility.PUBLIC)
package dev.referralkit.event;

import org.immutables.value.Value;
