package dev.referralkit.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.referralkit.engine.Outcome;
import dev.referralkit.engine.ReferralEngine;
import dev.referralkit.event.Channel;
import dev.referralkit.event.ImmutablePayment;
import dev.referralkit.event.ImmutableTouch;
import dev.referralkit.ledger.Entry;
import dev.referralkit.program.ImmutablePartner;
import dev.referralkit.program.Program;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Mirrors the embedding example of README.md line for line. */
class ReadmeEmbeddingTest {
    @Test
    void the_readme_embedding_example_compiles_and_pays_twenty_percent() {
        List<Entry> ledger = new ArrayList<>();
        // --- README: embedding ---
        Program program = Program.parse("""
                {"currency": "USD", "rewards": {"payment": {"type": "percent", "percent": "20"}}}""");
        ReferralEngine engine = ReferralEngine.create(program, List.of(ImmutablePartner.builder().id("p1").build()));

        engine.process(ImmutableTouch.builder().id("t1").at(Instant.parse("2026-01-01T10:00:00Z"))
                .partner("p1").customer("c1").channel(Channel.LINK).build());
        Outcome paid = engine.process(ImmutablePayment.builder().id("inv_1001").at(Instant.parse("2026-01-03T10:00:00Z"))
                .customer("c1").amount(new BigDecimal("100.00")).currency(Currency.getInstance("USD")).build());

        if (paid.isAccepted()) {
            ledger.addAll(paid.entries());            // persist: the ledger is yours
        } else {
            System.err.println(paid.rejection().get().message());
        }
        // --- end ---
        assertThat(ledger).singleElement().satisfies(e -> {
            assertThat(e.id()).isEqualTo("inv_1001/p1/commission");
            assertThat(e.amount()).isEqualByComparingTo("20.00");
            assertThat(e.explanation().text()).isEqualTo("20% of 100.00 USD");
        });
    }
}
