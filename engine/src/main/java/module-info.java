/** The ReferralKit engine: the two stages, the state store SPI, and the scenario runner. */
module dev.referralkit.engine {
    requires transitive dev.referralkit.core;
    requires static org.immutables.value.annotations;
    requires org.slf4j;

    exports dev.referralkit.engine;
    exports dev.referralkit.engine.stage;
    exports dev.referralkit.engine.state;
    opens dev.referralkit.engine to com.fasterxml.jackson.databind;
}
