package com.exoquic.configurer.internal.plan;

/** A WAL guard parameter the run sets when asked: its running value and the value asked for, as shown. */
record WalGuardChange(String name, String from, String to) {

    @Override
    public String toString() {
        return name + ": " + from + " -> " + to;
    }
}
