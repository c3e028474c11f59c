package dev.referralkit.binding;

import java.util.Map;

/**
 * A plug-in's named models: provide it with {@code provides dev.referralkit.binding.BindingModelProvider
 * with ...} and {@code META-INF/services}; {@code program.attribution.model} then names it.
 */
public interface BindingModelProvider {
    /** @return models by JSON name, like {@code last_touch} */
    Map<String, BindingModel> models();
}
