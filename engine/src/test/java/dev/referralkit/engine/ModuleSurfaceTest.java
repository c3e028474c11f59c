package dev.referralkit.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

/**
 * A black-box check of what the module exports (STYLE.md): the engine, the state store SPI (for durable
 * and distributed stores) and the two stages (for stream processors), and nothing else.
 */
class ModuleSurfaceTest {
    @Test
    void exports_only_its_api_packages() throws IOException {
        ModuleDescriptor d;
        try (InputStream in = Files.newInputStream(Paths.get("target", "classes", "module-info.class"))) {
            d = ModuleDescriptor.read(in);
        }
        assertThat(d.name()).isEqualTo("dev.referralkit.engine");
        assertThat(d.exports()).extracting(ModuleDescriptor.Exports::source).containsExactlyInAnyOrder("dev.referralkit.engine",
                "dev.referralkit.engine.stage", "dev.referralkit.engine.state");
        assertThat(d.exports()).allSatisfy(e -> assertThat(e.isQualified()).isFalse());
        assertThat(d.requires()).extracting(ModuleDescriptor.Requires::name).contains("dev.referralkit.core")
                .doesNotContain("dev.referralkit.rules", "dev.referralkit.attribution");
    }
}
