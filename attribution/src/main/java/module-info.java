/** Attribution models and journey analytics of ReferralKit. */
module dev.referralkit.attribution {
    requires transitive dev.referralkit.core;

    exports dev.referralkit.attribution;

    provides dev.referralkit.binding.BindingModelProvider with dev.referralkit.attribution.BuiltInModels;
}
