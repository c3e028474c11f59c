package dev.referralkit.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** A black-box check of the module's public surface: an automatic module exports every public type. */
class ModuleSurfaceTest {
    @Test
    void onlyTheDocumentedTypesArePublic() throws IOException, ClassNotFoundException {
        List<String> publicTypes;
        try (Stream<Path> files = Files.list(Path.of("target", "classes", "dev", "referralkit", "kafka"))) {
            List<String> names = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".class") && !n.contains("$") && !n.equals("package-info.class"))
                    .map(n -> n.substring(0, n.length() - ".class".length())).sorted().toList();
            publicTypes = new java.util.ArrayList<>();
            for (String name : names) {
                if (Modifier.isPublic(Class.forName("dev.referralkit.kafka." + name).getModifiers())) {
                    publicTypes.add(name);
                }
            }
        }
        assertThat(publicTypes).containsExactly("Broadcast", "EventInput", "ReferralTopology", "StoreKind", "VersionedSerde");
    }
}
