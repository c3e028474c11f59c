package dev.referralkit.kafka;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A serde whose bytes start with a format version: byte 0 is the version (1–255), the rest is the
 * payload that version's reader understands. Every record ReferralKit writes to a topic or a state
 * store goes through one, so that a later release can read what an earlier one wrote and refuse,
 * clearly, what a newer one wrote.
 *
 * <p>Writing always uses the {@linkplain #version() current version}. Reading dispatches on byte 0:
 * a version without a reader, an empty record, a payload its reader cannot parse and bytes left over
 * after the reader are each a {@link SerializationException} whose message names the serde, the
 * version and what went wrong, never a library's class. A {@code null} record (a tombstone) reads
 * as {@code null} and {@code null} writes as {@code null}.
 *
 * <p><b>Upgrades.</b> A release that changes a format adds a reader for the new version, keeps the
 * old readers and writes the new version only once every instance can read it (a rolling upgrade in
 * two steps: first deploy the reader, then switch the writer). Changelog topics and internal topics
 * hold old versions for as long as their retention; the readers stay until then.
 *
 * <p>Instances are immutable and thread-safe.
 *
 * @param <T> the value type
 */
public final class VersionedSerde<T> implements Serde<T>, Serializer<T>, Deserializer<T> {

    /** Writes a value's payload (without the version byte). */
    @FunctionalInterface
    public interface Writer<T> {
        /**
         * @param value the value, never null
         * @param out   where the payload goes
         * @throws IOException never for in-memory output; declared for {@link DataOutput}
         */
        void write(T value, DataOutput out) throws IOException;
    }

    /** Reads a payload of one format version. */
    @FunctionalInterface
    public interface Reader<T> {
        /**
         * @param in the payload after the version byte
         * @return the value, not null
         * @throws IOException when the payload ends early
         */
        T read(DataInput in) throws IOException;
    }

    private final String name;
    private final int version;
    private final Writer<T> writer;
    private final Map<Integer, Reader<T>> readers;

    private VersionedSerde(String name, int version, Writer<T> writer, Map<Integer, Reader<T>> readers) {
        this.name = name;
        this.version = version;
        this.writer = writer;
        this.readers = readers;
    }

    /**
     * Creates a serde that writes {@code version} and reads every version in {@code readers}.
     *
     * @param <T>     the value type
     * @param name    what the bytes hold, used in error messages (e.g. {@code "customer record"})
     * @param version the version written, 1–255; {@code readers} must have a reader for it
     * @param writer  writes the current version's payload
     * @param readers the reader of each version still readable
     * @return the serde
     * @throws IllegalArgumentException if a version is out of range or the current one has no reader
     */
    public static <T> VersionedSerde<T> of(String name, int version, Writer<T> writer, Map<Integer, Reader<T>> readers) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(writer, "writer");
        for (int v : readers.keySet()) {
            checkVersion(name, v);
        }
        checkVersion(name, version);
        if (!readers.containsKey(version)) {
            throw new IllegalArgumentException(name + ": version " + version + " is written but has no reader");
        }
        return new VersionedSerde<>(name, version, writer, Map.copyOf(new TreeMap<>(readers)));
    }

    /**
     * A serde with one version.
     *
     * @param <T>     the value type
     * @param name    what the bytes hold
     * @param version the version, 1–255
     * @param writer  writes the payload
     * @param reader  reads it back
     * @return the serde
     */
    public static <T> VersionedSerde<T> of(String name, int version, Writer<T> writer, Reader<T> reader) {
        return of(name, version, writer, Map.of(version, reader));
    }

    private static void checkVersion(String name, int v) {
        if (v < 1 || v > 255) {
            throw new IllegalArgumentException(name + ": version " + v + " is outside 1-255");
        }
    }

    /** @return the version this serde writes */
    public int version() {
        return version;
    }

    /**
     * Writes a value: the version byte, then the payload.
     *
     * @param value the value, or null
     * @return the bytes, or null for null
     */
    public byte[] toBytes(T value) {
        if (value == null) {
            return null;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(64);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(version);
            writer.write(value, out);
        } catch (IOException e) {
            throw new SerializationException(name + ": cannot write version " + version + ": " + e.getMessage(), e);
        }
        return bytes.toByteArray();
    }

    /**
     * Reads bytes that start with a version this serde knows.
     *
     * @param bytes the bytes, or null
     * @return the value, or null for null
     * @throws SerializationException if the bytes are empty, of an unknown version, cut short or too long
     */
    public T fromBytes(byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        if (bytes.length == 0) {
            throw new SerializationException(name + ": the record is empty; it has no format version byte");
        }
        int v = bytes[0] & 0xff;
        Reader<T> reader = readers.get(v);
        if (reader == null) {
            throw new SerializationException(name + ": format version " + v + " is not known to this release, which reads "
                    + versions() + "; it was written by a newer release (deploy it on every instance first) or is not a "
                    + name + " at all");
        }
        ByteArrayInputStream in = new ByteArrayInputStream(bytes, 1, bytes.length - 1);
        T value;
        try {
            value = reader.read(new DataInputStream(in));
        } catch (IOException | RuntimeException e) {
            throw new SerializationException(name + ": version " + v + " payload of " + (bytes.length - 1)
                    + " bytes cannot be read: " + (e.getMessage() == null ? "it ends early" : e.getMessage()), e);
        }
        if (in.available() > 0) {
            throw new SerializationException(name + ": version " + v + " payload has " + in.available()
                    + " bytes left over after the value");
        }
        if (value == null) {
            throw new SerializationException(name + ": version " + v + " reader returned no value");
        }
        return value;
    }

    private String versions() {
        return readers.keySet().stream().sorted().map(String::valueOf).reduce((a, b) -> a + ", " + b).orElse("none");
    }

    @Override
    public byte[] serialize(String topic, T data) {
        return toBytes(data);
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        return fromBytes(data);
    }

    @Override
    public Serializer<T> serializer() {
        return this;
    }

    @Override
    public Deserializer<T> deserializer() {
        return this;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        // nothing to configure; Serde, Serializer and Deserializer all declare configure()
    }

    @Override
    public void close() {
        // nothing to release; Serde, Serializer and Deserializer all declare close()
    }

    @Override
    public String toString() {
        return "VersionedSerde[" + name + ", writes " + version + ", reads " + versions() + "]";
    }
}
