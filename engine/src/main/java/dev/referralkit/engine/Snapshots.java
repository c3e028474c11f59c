package dev.referralkit.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.referralkit.ReferralKitException;
import dev.referralkit.RejectionCode;
import dev.referralkit.engine.state.RecordCodec;
import dev.referralkit.engine.state.StateRecord;
import dev.referralkit.engine.state.StateStore;
import dev.referralkit.json.ReferralKitJson;
import dev.referralkit.program.Program;
import java.util.Base64;

/**
 * The snapshot format (docs/engine.md §3): every record of the store in key order, as base64 of its
 * binary key and value ({@link RecordCodec}), with the format version and the program's fingerprints
 * ({@link ProgramChange}: a snapshot restores under the same program or one that only added versions).
 */
final class Snapshots {
    static final String FORMAT = "referralkit-snapshot/2";

    private Snapshots() {
    }

    static String write(Program program, StateStore store) {
        ObjectNode root = ReferralKitJson.mapper().createObjectNode();
        root.put("format", FORMAT);
        ArrayNode prints = root.putArray("program");
        ProgramChange.fingerprints(program).forEach(prints::add);
        ArrayNode records = root.putArray("records");
        Base64.Encoder b64 = Base64.getEncoder();
        store.forEach(r -> records.addArray().add(r.kind().jsonName()).add(b64.encodeToString(RecordCodec.key(r)))
                .add(b64.encodeToString(RecordCodec.value(r))));
        return ReferralKitJson.write(root);
    }

    static void read(Program program, String snapshot, StateStore store) {
        JsonNode root;
        try {
            root = ReferralKitJson.readTree(snapshot, RejectionCode.INVALID_PROGRAM);
        } catch (ReferralKitException e) {
            throw e.recoded(RejectionCode.INVALID_PROGRAM, "snapshot");
        }
        if (!FORMAT.equals(root.path("format").asText())) {
            throw invalid("format", "is not " + FORMAT);
        }
        java.util.List<String> stored = new java.util.ArrayList<>();
        root.path("program").forEach(n -> stored.add(n.asText()));
        Base64.Decoder b64 = Base64.getDecoder();
        int i = 0;
        for (JsonNode r : root.path("records")) {
            try {
                StateRecord record = RecordCodec.decode(b64.decode(r.path(1).asText()), b64.decode(r.path(2).asText()));
                if (!record.kind().jsonName().equals(r.path(0).asText())) {
                    throw new IllegalArgumentException("kind " + r.path(0).asText() + " does not match its key");
                }
                store.put(record);
            } catch (IllegalArgumentException e) {
                throw invalid("records[" + i + "]", e.getMessage());
            }
            i++;
        }
        try {
            ProgramChange.check(stored, program, store);
        } catch (ReferralKitException e) {
            throw e.recoded(RejectionCode.INVALID_PROGRAM, "snapshot");
        }
    }

    private static ReferralKitException invalid(String field, String message) {
        return ReferralKitException.of(RejectionCode.INVALID_PROGRAM, "snapshot", null, "snapshot: " + field + " " + message);
    }
}
