/** The ReferralKit engine and scenario runner. */
module dev.referralkit.engine {
    requires transitive dev.referralkit.core;
    requires static org.immutables.value.annotations;
    requires org.slf4j;

    exports dev.referralkit.engine;
    opens dev.referralkit.engine to com.fasterxml.jackson.databind;
}
