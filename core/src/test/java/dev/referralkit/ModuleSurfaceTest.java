package dev.referralkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** A black-box check of what core exports, and that the BOM lists only our own artifacts. */
class ModuleSurfaceTest {
    @Test
    void core_exports_only_its_api_packages() throws IOException {
        ModuleDescriptor descriptor;
        try (InputStream in = Files.newInputStream(Paths.get("target", "classes", "module-info.class"))) {
            descriptor = ModuleDescriptor.read(in);
        }
        assertThat(descriptor.name()).isEqualTo("dev.referralkit.core");
        Set<String> exported = new TreeSet<>();
        descriptor.exports().forEach(e -> {
            assertThat(e.isQualified()).as("%s is exported to everyone", e.source()).isFalse();
            exported.add(e.source());
        });
        assertThat(exported).containsExactly("dev.referralkit", "dev.referralkit.binding", "dev.referralkit.event", "dev.referralkit.json",
                "dev.referralkit.ledger", "dev.referralkit.money", "dev.referralkit.program", "dev.referralkit.reward", "dev.referralkit.risk");
        assertThat(descriptor.uses()).contains("dev.referralkit.json.JsonTypeProvider");
    }

    @Test
    void the_bom_lists_only_referralkit_artifacts_at_the_parent_version() throws IOException {
        String parent = Files.readString(Path.of("..", "pom.xml"));
        String bom = Files.readString(Path.of("..", "bom", "pom.xml"));
        String version = firstVersion(parent);
        assertThat(firstVersion(bom)).isEqualTo(version);
        Matcher groups = Pattern.compile("<groupId>([^<]+)</groupId>").matcher(bom);
        while (groups.find()) {
            assertThat(groups.group(1)).isIn("dev.referralkit", "org.apache.maven.plugins");
        }
        assertThat(bom).doesNotContain("<parent>");
    }

    private static String firstVersion(String pom) {
        Matcher m = Pattern.compile("<artifactId>referralkit-(?:parent|bom)</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
        assertThat(m.find()).isTrue();
        return m.group(1);
    }
}
