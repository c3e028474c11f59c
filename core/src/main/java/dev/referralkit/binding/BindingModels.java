package dev.referralkit.binding;

import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeMap;

/** The registry of models found through {@link BindingModelProvider}. */
public final class BindingModels {
    private static final Map<String, BindingModel> MODELS = load();

    private BindingModels() {
    }

    private static Map<String, BindingModel> load() {
        Map<String, BindingModel> models = new TreeMap<>();
        for (BindingModelProvider provider : ServiceLoader.load(BindingModelProvider.class, BindingModels.class.getClassLoader())) {
            provider.models().forEach((name, model) -> {
                if (models.putIfAbsent(name, model) != null) {
                    throw new IllegalStateException("two attribution models are named " + name);
                }
            });
        }
        return models;
    }

    /**
     * @param name a model name, like {@code position_based}
     * @return the model
     * @throws ReferralKitException {@code INVALID_PROGRAM} naming the known models
     */
    public static BindingModel named(String name) {
        BindingModel model = MODELS.get(name);
        if (model == null) {
            throw ReferralKitException.invalid(RejectionCode.INVALID_PROGRAM, "attribution.model", name,
                    "is not a known model; known: " + (MODELS.isEmpty()
                            ? "none (add referralkit-attribution to the class path)" : String.join(", ", MODELS.keySet())));
        }
        return model;
    }
}
