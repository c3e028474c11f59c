/**
 * Risk checks (docs/payouts.md §1): the {@link dev.referralkit.risk.RiskCheck} SPI, what a check may read
 * ({@link dev.referralkit.risk.RiskContext}, {@link dev.referralkit.risk.PayoutContext}) and declare
 * ({@link dev.referralkit.risk.RiskNeeds}), its {@link dev.referralkit.risk.RiskVerdict}, and the built-in
 * checks, registered by JSON name like reward strategies, so a host's own check loads like a built-in.
 */
@Value.Style(jdkOnly = true, jdk9Collections = false, defaults = @Value.Immutable(copy = true),
        visibility = Value.Style.ImplementationVisibility.PUBLIC)
package dev.referralkit.risk;

import org.immutables.value.Value;
