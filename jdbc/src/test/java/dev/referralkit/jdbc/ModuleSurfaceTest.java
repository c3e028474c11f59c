package dev.referralkit.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

/** A black-box check of what the module exports (STYLE.md): its API package, not the store's internals. */
class ModuleSurfaceTest {
    @Test
    void exports_only_its_api_package() throws IOException {
        ModuleDescriptor d;
        try (InputStream in = Files.newInputStream(Paths.get("target", "classes", "module-info.class"))) {
            d = ModuleDescriptor.read(in);
        }
        assertThat(d.name()).isEqualTo("dev.referralkit.jdbc");
        assertThat(d.exports()).extracting(ModuleDescriptor.Exports::source).containsExactly("dev.referralkit.jdbc");
        assertThat(d.exports()).allSatisfy(e -> assertThat(e.isQualified()).isFalse());
        assertThat(d.requires()).extracting(ModuleDescriptor.Requires::name)
                .contains("dev.referralkit.engine", "java.sql", "flyway.core")
                .doesNotContain("com.h2database", "org.postgresql.jdbc");
    }
}
