package dev.referralkit.kafka;

import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.streams.processor.StreamPartitioner;

/**
 * A {@link StreamPartitioner} that writes some records to <em>every</em> partition of the topic and
 * leaves the others to the default partitioner (murmur2 of the serialised key, as a producer does).
 *
 * <p>Kafka Streams (since 3.4, KIP-837) sends a record to each partition in the set that
 * {@link StreamPartitioner#partitions} returns; {@code Optional.empty()} means "use the default
 * partitioner". The topology uses this to send a payout run, and each stage-1 task's progress
 * marks, to every task of the partner stage: every partner partition must see them, in order with
 * the records that the same stage-1 task wrote before them.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
public final class Broadcast<K, V> implements StreamPartitioner<K, V> {
    private final Predicate<? super V> toEveryPartition;

    private Broadcast(Predicate<? super V> toEveryPartition) {
        this.toEveryPartition = toEveryPartition;
    }

    /**
     * A partitioner that broadcasts the values {@code toEveryPartition} accepts.
     *
     * @param <K>              the key type
     * @param <V>              the value type
     * @param toEveryPartition which values go to every partition
     * @return the partitioner
     */
    public static <K, V> Broadcast<K, V> when(Predicate<? super V> toEveryPartition) {
        return new Broadcast<>(toEveryPartition);
    }

    /**
     * Every partition of a topic.
     *
     * @param numPartitions the topic's partition count
     * @return {0, …, numPartitions − 1}
     */
    public static Set<Integer> allOf(int numPartitions) {
        return IntStream.range(0, numPartitions).boxed().collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public Optional<Set<Integer>> partitions(String topic, K key, V value, int numPartitions) {
        return toEveryPartition.test(value) ? Optional.of(allOf(numPartitions)) : Optional.empty();
    }
}
