package dev.referralkit.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.referralkit.ReferralKitException;
import dev.referralkit.engine.ReferralProgram;
import dev.referralkit.ledger.Binding;
import dev.referralkit.ledger.ImmutableBinding;
import dev.referralkit.ledger.Credit;
import dev.referralkit.money.Ratio;
import dev.referralkit.program.Program;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the journal, entries and bindings files: what is refused, and where it is said. */
class LedgerFilesTest {
    @TempDir
    Path dir;

    static final String TOUCH = "{\"type\":\"touch\",\"id\":\"t1\",\"at\":\"2026-05-01T09:00:00Z\",\"partner\":\"p1\",\"customer\":\"c1\",\"channel\":\"link\"}";
    static final String PAYMENT = "{\"type\":\"payment\",\"id\":\"i1\",\"at\":\"2026-05-01T10:00:00Z\",\"customer\":\"c1\",\"amount\":\"100.00\",\"currency\":\"EUR\"}";
    static final String ENTRY = "{\"id\":\"i1/p1/commission\",\"kind\":\"COMMISSION\",\"partner\":\"p1\",\"customer\":\"c1\",\"event\":\"i1\","
            + "\"amount\":\"10.00\",\"currency\":\"EUR\",\"availableAt\":\"2026-05-31T10:00:00Z\",\"explanation\":\"10% of 100.00 EUR\"}";
    static final String BINDING = "{\"customer\":\"c1\",\"event\":\"i1\",\"credits\":[{\"partner\":\"p1\",\"weight\":\"1\"}],\"explanation\":\"last_touch over t1\"}";

    Report read(String journal, String entries, String bindings) throws IOException {
        Files.writeString(dir.resolve("j.jsonl"), journal);
        Files.writeString(dir.resolve("e.jsonl"), entries);
        Files.writeString(dir.resolve("b.jsonl"), bindings);
        ReportBuilder b = ReportBuilder.create(ReferralProgram.of(Program.parse("{\"currency\":\"EUR\"}"), List.of()),
                ReportOptions.monthly());
        LedgerFiles.feed(b, dir.resolve("j.jsonl"), dir.resolve("e.jsonl"), dir.resolve("b.jsonl"), (n, r, t) -> { });
        return b.build();
    }

    @Test
    void matching_files_make_the_report() throws IOException {
        Report r = read(TOUCH + "\n" + PAYMENT + "\n", ENTRY + "\n", BINDING + "\n");
        MoneyFigures m = r.partner("p1").orElseThrow().figures().total().money("EUR").orElseThrow();
        assertThat(m.commissions()).isEqualByComparingTo("10.00");
        assertThat(r.partner("p1").orElseThrow().balances().get(0).pending()).isEqualByComparingTo("10.00");
    }

    @Test
    void unknown_and_duplicate_keys_are_refused_with_file_and_line() {
        assertThatThrownBy(() -> read(TOUCH + "\n" + PAYMENT.replace("\"currency\"", "\"curency\"") + "\n", ENTRY + "\n", BINDING + "\n"))
                .isInstanceOf(ReferralKitException.class).hasMessageContaining("j.jsonl:2: unknown key \"curency\"");
        assertThatThrownBy(() -> read(TOUCH + "\n" + PAYMENT + "\n", ENTRY.replace("}", ",\"kind\":\"COMMISSION\"}") + "\n", BINDING + "\n"))
                .isInstanceOf(ReferralKitException.class).hasMessageContaining("e.jsonl:1: duplicate key \"kind\"");
    }

    @Test
    void entries_or_bindings_that_belong_to_no_event_mean_the_files_do_not_match() {
        assertThatThrownBy(() -> read(TOUCH + "\n" + PAYMENT + "\n", ENTRY.replace("\"event\":\"i1\"", "\"event\":\"i9\"") + "\n",
                BINDING + "\n")).isInstanceOf(ReferralKitException.class).hasMessageContaining("the files do not match");
        assertThatThrownBy(() -> read(TOUCH + "\n", "", BINDING + "\n"))
                .isInstanceOf(ReferralKitException.class).hasMessageContaining("b.jsonl:1: binding of customer c1 names event i1");
    }

    @Test
    void weights_are_read_exactly_as_fractions_or_decimals_and_a_rounded_third_is_a_third() {
        assertThat(LedgerFiles.weight("1/3")).isEqualTo(Ratio.of(1, 3));
        assertThat(LedgerFiles.weight("0.4")).isEqualTo(Ratio.of(2, 5));
        assertThat(LedgerFiles.weight("0.3333333333")).isEqualTo(Ratio.of(1, 3));
        assertThat(LedgerFiles.weight("0.1428571429")).isEqualTo(Ratio.of(1, 7));
        assertThatThrownBy(() -> LedgerFiles.weight("0.1503901620")).isInstanceOf(ReferralKitException.class)
                .hasMessageContaining("give the exact weight as a fraction n/d");
        assertThatThrownBy(() -> LedgerFiles.weight("1/0")).isInstanceOf(ReferralKitException.class);
    }

    @Test
    void binding_lines_keep_weights_exact() {
        Binding split = ImmutableBinding.builder().customer("c").event("e").addCredits(Credit.of("a", Ratio.of(1, 3)),
                Credit.of("b", Ratio.of(1, 6)), Credit.of("p", Ratio.of(1, 2))).build();
        assertThat(LedgerFiles.bindingLine(split)).isEqualTo("{\"customer\":\"c\",\"event\":\"e\",\"credits\":["
                + "{\"partner\":\"a\",\"weight\":\"1/3\"},{\"partner\":\"b\",\"weight\":\"1/6\"},{\"partner\":\"p\",\"weight\":\"0.5\"}]}");
    }

    @Test
    void credits_must_sum_to_one() {
        assertThatThrownBy(() -> read(TOUCH + "\n" + PAYMENT + "\n", ENTRY + "\n", BINDING.replace("\"weight\":\"1\"", "\"weight\":\"0.5\"") + "\n"))
                .isInstanceOf(ReferralKitException.class).hasMessageContaining("b.jsonl:1: the weights of customer c1's credits sum to 1/2, not 1");
    }

    @Test
    void amounts_are_read_in_minor_units_as_money_reads_them() {
        assertThat(LedgerFiles.minorUnits("amount", "49.90", 2)).isEqualTo(4990);
        assertThat(LedgerFiles.minorUnits("amount", "49.9", 2)).isEqualTo(4990);
        assertThat(LedgerFiles.minorUnits("amount", "-5", 3)).isEqualTo(-5000);
        assertThat(LedgerFiles.minorUnits("amount", "1200", 0)).isEqualTo(1200);
        assertThat(LedgerFiles.minorUnits("amount", "999999999999999.99", 2)).isEqualTo(99_999_999_999_999_999L);
        for (String bad : new String[] {"1.234", "1e5", "+5", ".5", "5.", "", "NaN", "1,5", "--1"}) {
            assertThatThrownBy(() -> LedgerFiles.minorUnits("amount", bad, 2)).as(bad).isInstanceOf(ReferralKitException.class);
        }
    }
}
