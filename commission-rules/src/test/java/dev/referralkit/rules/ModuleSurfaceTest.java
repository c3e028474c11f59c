package dev.referralkit.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

class ModuleSurfaceTest {
    @Test
    void exports_only_the_rules_package_and_provides_the_built_ins() throws IOException {
        ModuleDescriptor d;
        try (InputStream in = Files.newInputStream(Paths.get("target", "classes", "module-info.class"))) {
            d = ModuleDescriptor.read(in);
        }
        assertThat(d.name()).isEqualTo("dev.referralkit.rules");
        assertThat(d.exports()).extracting(ModuleDescriptor.Exports::source).containsExactly("dev.referralkit.rules");
        assertThat(d.provides()).singleElement().satisfies(p -> {
            assertThat(p.service()).isEqualTo("dev.referralkit.json.JsonTypeProvider");
            assertThat(p.providers()).containsExactly("dev.referralkit.rules.BuiltInRewards");
        });
    }
}
