package com.exoquic.configurer.internal.config;

import java.util.EnumSet;
import java.util.Set;

/** The CLI verbs, so a {@link Setting} can say which of them read it (and so take its flag). */
public enum VerbName {
    MIGRATE, VALIDATE, REGISTER, INFO, STATUS, TEARDOWN, EXPORT;

    /** Every verb that opens the admin connection: all but register. */
    static final Set<VerbName> CONNECTING = EnumSet.complementOf(EnumSet.of(REGISTER));
    /** Every verb that needs the database's address, including register (it sends it to the cloud). */
    static final Set<VerbName> ALL = EnumSet.allOf(VerbName.class);
    /** Every verb that renders the migrations (role, grants, publication). */
    static final Set<VerbName> RENDERING = EnumSet.of(MIGRATE, VALIDATE, INFO, EXPORT);
    /** Every verb that talks to the Exoquic cloud. */
    static final Set<VerbName> CLOUD = EnumSet.of(MIGRATE, REGISTER);

    /** The verb as typed on the command line. */
    public String command() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static VerbName of(String command) {
        return valueOf(command.toUpperCase(java.util.Locale.ROOT));
    }
}
