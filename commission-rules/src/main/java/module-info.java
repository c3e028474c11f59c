/** The built-in commission strategies and conditions of ReferralKit, registered by JSON name. */
module dev.referralkit.rules {
    requires static org.immutables.value.annotations;
    requires transitive dev.referralkit.core;

    exports dev.referralkit.rules;
    opens dev.referralkit.rules to com.fasterxml.jackson.databind;

    provides dev.referralkit.json.JsonTypeProvider with dev.referralkit.rules.BuiltInRewards;
}
