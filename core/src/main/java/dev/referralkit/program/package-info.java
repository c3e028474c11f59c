/**
 * The program model (FORMATS.md §1): attribution rules, rewards per trigger, groups, bonuses,
 * parent shares, payout terms, currency, time zone and rounding; and partners. Reward trees are
 * made of {@link dev.referralkit.reward.Reward} nodes named by their JSON {@code type}; the
 * built-in ones live in {@code referralkit-commission-rules}, and a host can add its own.
 */
@Value.Style(jdkOnly = true, jdk9Collections = false, defaults = @Value.Immutable(copy = true),
        visibility = Value.Style.ImplementationVisibility.PUBLIC)
package dev.referralkit.program;

import org.immutables.value.Value;
