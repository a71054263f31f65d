package com.exoquic.configurer.internal.cli;

import picocli.CommandLine;

/** The version from the jar manifest (set by Maven). */
final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String version = VersionProvider.class.getPackage().getImplementationVersion();
        return new String[] {"exoquic-configurer " + (version == null ? "development build" : version)};
    }
}
