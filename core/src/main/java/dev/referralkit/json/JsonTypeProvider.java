package dev.referralkit.json;

import com.fasterxml.jackson.databind.jsontype.NamedType;
import java.util.List;

/**
 * A plug-in's JSON names: a module that adds a commission strategy (or any other polymorphic
 * value) provides an implementation with {@code provides dev.referralkit.json.JsonTypeProvider with ...}
 * in its {@code module-info.java} and in {@code META-INF/services}. {@link ReferralKitJson} registers
 * every name once, so a host's own strategy in its own jar is read exactly like a built-in one.
 * Names are registered, never class names.
 */
public interface JsonTypeProvider {
    /**
     * The named types to register, like {@code new NamedType(ImmutablePercentReward.class, "percent")}.
     *
     * @return the types, each with a name; never null
     */
    List<NamedType> types();
}
