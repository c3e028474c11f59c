package dev.referralkit.rules.host;

import com.fasterxml.jackson.databind.jsontype.NamedType;
import dev.referralkit.json.JsonTypeProvider;
import java.util.List;

/** The host's registration of its strategy's JSON name, found by ServiceLoader like the built-ins. */
public final class HostStrategies implements JsonTypeProvider {
    @Override
    public List<NamedType> types() {
        return List.of(new NamedType(ImmutablePerSeatReward.class, "perSeat"));
    }
}
