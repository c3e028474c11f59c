package dev.referralkit.kafka;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.referralkit.engine.stage.Notification;
import dev.referralkit.json.ReferralKitJson;
import dev.referralkit.ledger.Entry;
import dev.referralkit.ledger.EntryKind;
import dev.referralkit.ledger.Payout;
import java.util.ArrayList;
import java.util.List;

/**
 * The notifications topic (docs/lifecycle.md §5): what one message told its partners, then one per entry
 * ({@code CommissionEarned}, or {@code Reversal} for a reversal; a payout entry is told as its payout) and
 * one {@code PayoutSent} per payout — the engine's {@code Outcome.notifications()} order. Each value is a
 * JSON object: {@code "type"} (the notification's name) then its fields, entries and payouts in FORMATS.md
 * §3 JSON.
 */
final class Notifications {
    private Notifications() {
    }

    static List<Notification> of(List<Notification> told, List<Entry> entries, List<Payout> payouts) {
        List<Notification> all = new ArrayList<>(told.size() + entries.size() + payouts.size());
        all.addAll(told);
        for (Entry e : entries) {
            if (e.kind() == EntryKind.REVERSAL) {
                all.add(new Notification.Reversal(e.partner(), e));
            } else if (e.kind() != EntryKind.PAYOUT) {
                all.add(new Notification.CommissionEarned(e.partner(), e));
            }
        }
        for (Payout p : payouts) {
            all.add(new Notification.PayoutSent(p.partner(), p));
        }
        return all;
    }

    static String json(Notification n) {
        ObjectNode node = ReferralKitJson.mapper().createObjectNode();
        node.put("type", n.getClass().getSimpleName());
        node.setAll((ObjectNode) ReferralKitJson.mapper().valueToTree(n));
        return ReferralKitJson.write(node);
    }
}
