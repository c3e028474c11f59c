/**
 * ReferralKit core: exact money and allocation, identifiers, events, the ledger values, the
 * program model, the plug-in SPIs and the hardened JSON mapper.
 */
module dev.referralkit.core {
    requires static org.immutables.value.annotations;
    requires transitive com.fasterxml.jackson.databind;
    requires transitive com.fasterxml.jackson.annotation;
    requires com.fasterxml.jackson.datatype.jdk8;
    requires org.slf4j;

    exports dev.referralkit;
    exports dev.referralkit.money;
    exports dev.referralkit.event;
    exports dev.referralkit.ledger;
    exports dev.referralkit.program;
    exports dev.referralkit.reward;
    exports dev.referralkit.json;
    exports dev.referralkit.binding;
    exports dev.referralkit.risk;

    // Immutables' generated Jackson glue is reflective
    opens dev.referralkit.event to com.fasterxml.jackson.databind;
    opens dev.referralkit.ledger to com.fasterxml.jackson.databind;
    opens dev.referralkit.program to com.fasterxml.jackson.databind;
    opens dev.referralkit.risk to com.fasterxml.jackson.databind;

    uses dev.referralkit.json.JsonTypeProvider;
    uses dev.referralkit.binding.BindingModelProvider;

    provides dev.referralkit.json.JsonTypeProvider with dev.referralkit.risk.BuiltInRiskChecks;
}
