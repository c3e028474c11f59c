package dev.referralkit.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

/** A black-box check of what the module exports (STYLE.md): its API package and nothing else. */
class ModuleSurfaceTest {
    @Test
    void exports_only_its_api_package_and_reads_the_engine_not_its_plug_ins() throws IOException {
        ModuleDescriptor d;
        try (InputStream in = Files.newInputStream(Paths.get("target", "classes", "module-info.class"))) {
            d = ModuleDescriptor.read(in);
        }
        assertThat(d.name()).isEqualTo("dev.referralkit.reports");
        assertThat(d.exports()).extracting(ModuleDescriptor.Exports::source).containsExactly("dev.referralkit.reports");
        assertThat(d.requires()).extracting(ModuleDescriptor.Requires::name).contains("dev.referralkit.engine")
                .doesNotContain("dev.referralkit.rules", "dev.referralkit.attribution");
    }
}
