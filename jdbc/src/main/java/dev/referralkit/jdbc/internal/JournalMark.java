package dev.referralkit.jdbc.internal;

/**
 * What recovery reads of one journal row: its position, the event's id and its fingerprint.
 *
 * @param seq         the position in the journal, from 1, without gaps
 * @param eventId     the event's id
 * @param fingerprint the fingerprint of its content
 */
public record JournalMark(long seq, String eventId, long fingerprint) {
}
