/**
 * The attribution model SPI (SPEC.md §4.1 step 4): a {@link dev.referralkit.binding.BindingModel}
 * turns the qualifying touches of a customer into per-touch weights. Models are found by name
 * through {@link dev.referralkit.binding.BindingModelProvider} ({@link java.util.ServiceLoader}); the
 * built-ins ({@code first_touch}, {@code last_touch}, {@code linear}, {@code position_based},
 * {@code custom}, {@code time_decay}) live in {@code referralkit-attribution}.
 */
package dev.referralkit.binding;
