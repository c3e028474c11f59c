package dev.referralkit.attribution;

import dev.referralkit.binding.BindingModel;
import dev.referralkit.binding.BindingModelProvider;
import java.util.LinkedHashMap;
import java.util.Map;

/** Registers the built-in per-touch models by their JSON names. */
public final class BuiltInModels implements BindingModelProvider {
    /** Used by {@link java.util.ServiceLoader}. */
    public BuiltInModels() {
    }

    @Override
    public Map<String, BindingModel> models() {
        Map<String, BindingModel> models = new LinkedHashMap<>();
        models.put("first_touch", TouchModels.FIRST_TOUCH);
        models.put("last_touch", TouchModels.LAST_TOUCH);
        models.put("linear", TouchModels.LINEAR);
        models.put("position_based", TouchModels.POSITION_BASED);
        models.put("custom", TouchModels.CUSTOM);
        models.put("time_decay", TouchModels.TIME_DECAY);
        return models;
    }
}
