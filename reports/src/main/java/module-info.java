/**
 * ReferralKit reports: per partner and period figures, cohorts, channels, reciprocity and a
 * leaderboard, computed from events and what the engine made of them, written as JSON, CSV or one
 * self-contained HTML file.
 */
module dev.referralkit.reports {
    requires transitive dev.referralkit.engine;
    requires org.slf4j;

    exports dev.referralkit.reports;
}
