package dev.referralkit.rules;

import com.fasterxml.jackson.databind.jsontype.NamedType;
import dev.referralkit.json.JsonTypeProvider;
import java.util.List;

/** Registers the JSON names of the built-in strategies with the program loader. */
public final class BuiltInRewards implements JsonTypeProvider {
    /** Used by {@link java.util.ServiceLoader}. */
    public BuiltInRewards() {
    }

    @Override
    public List<NamedType> types() {
        return List.of(
                new NamedType(ImmutablePercentReward.class, "percent"),
                new NamedType(ImmutableFlatReward.class, "flat"),
                new NamedType(ImmutableTieredReward.class, "tiered"),
                new NamedType(ImmutableRecurringReward.class, "recurring"),
                new NamedType(ImmutableFirstMatchReward.class, "firstMatch"),
                new NamedType(ImmutableSumReward.class, "sum"),
                new NamedType(ImmutableMaxReward.class, "max"),
                new NamedType(ImmutableCapReward.class, "cap"));
    }
}
