/** Generators and invariant checks for property tests of ReferralKit programs. */
module dev.referralkit.testkit {
    requires transitive dev.referralkit.engine;
    requires dev.referralkit.rules;
    requires static quicktheories;

    exports dev.referralkit.testkit;
    exports dev.referralkit.testkit.quicktheories;
}
