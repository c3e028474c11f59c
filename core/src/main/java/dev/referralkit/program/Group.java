package dev.referralkit.program;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import java.util.Optional;
import org.immutables.value.Value;

/** A partner group ({@code program.groups.<name>}): its rewards override the program's per trigger. */
@Value.Immutable
@JsonSerialize(as = ImmutableGroup.class)
@JsonDeserialize(as = ImmutableGroup.class)
public interface Group {
    /** @return the group's rewards */
    Optional<Rewards> rewards();
}
