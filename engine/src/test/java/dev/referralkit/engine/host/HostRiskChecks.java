package dev.referralkit.engine.host;

import com.fasterxml.jackson.databind.jsontype.NamedType;
import dev.referralkit.json.JsonTypeProvider;
import java.util.List;

/** The host's registration of its risk check's JSON name, found by ServiceLoader like the built-ins. */
public final class HostRiskChecks implements JsonTypeProvider {
    @Override
    public List<NamedType> types() {
        return List.of(new NamedType(ImmutableBlockedCountryCheck.class, "blocked_country"));
    }
}
