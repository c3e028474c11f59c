package dev.referralkit.examples.cli;

import java.util.HashMap;
import java.util.Map;

/** Sets the environment the command line reads the store's credentials from, for tests. */
public final class StoreTesting {
    private StoreTesting() {
    }

    /**
     * @param user     the user variable's value, or null
     * @param password the password variable's value, or null; both null: the process's environment again
     */
    public static void environment(String user, String password) {
        if (user == null && password == null) {
            StoreOptions.environment = null;
            return;
        }
        Map<String, String> env = new HashMap<>();
        if (user != null) {
            env.put(StoreOptions.USER_VARIABLE, user);
        }
        if (password != null) {
            env.put(StoreOptions.PASSWORD_VARIABLE, password);
        }
        StoreOptions.environment = env;
    }
}
