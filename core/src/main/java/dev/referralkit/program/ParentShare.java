package dev.referralkit.program;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.referralkit.money.Percent;
import java.util.List;
import org.immutables.value.Value;

/**
 * Multi-level shares (SPEC.md §5.3): every {@code COMMISSION}, {@code TRUE_UP} and {@code BONUS} of
 * a partner with a parent gives the parent {@code levels[0]} percent, the grandparent
 * {@code levels[1]}, and so on.
 */
@Value.Immutable
@JsonSerialize(as = ImmutableParentShare.class)
@JsonDeserialize(as = ImmutableParentShare.class)
public interface ParentShare {
    /** @return the percentage per ancestor level, nearest first */
    List<Percent> levels();
}
