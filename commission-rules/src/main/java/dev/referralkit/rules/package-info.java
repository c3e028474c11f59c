/**
 * The built-in commission strategies (SPEC.md §5): {@code percent}, {@code flat}, {@code tiered},
 * {@code recurring}, {@code firstMatch}, {@code sum}, {@code max}, {@code cap}; and the conditions
 * of {@code firstMatch} rules. Each strategy is an immutable value whose JSON is the plan of
 * FORMATS.md §1 and whose {@code evaluate} is pure.
 */
@Value.Style(jdkOnly = true, jdk9Collections = false, defaults = @Value.Immutable(copy = true),
        visibility = Value.Style.ImplementationVisibility.PUBLIC)
package dev.referralkit.rules;

import org.immutables.value.Value;
