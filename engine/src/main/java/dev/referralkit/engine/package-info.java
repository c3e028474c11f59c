/**
 * The engine: {@link dev.referralkit.engine.ReferralEngine} (events in, entries and payouts out), the
 * {@link dev.referralkit.engine.ReferralProgram} it runs, and the scenario runner and checker.
 */
@Value.Style(jdkOnly = true, jdk9Collections = false, defaults = @Value.Immutable(copy = true),
        visibility = Value.Style.ImplementationVisibility.PUBLIC)
package dev.referralkit.engine;

import org.immutables.value.Value;
