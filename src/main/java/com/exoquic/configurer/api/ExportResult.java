package com.exoquic.configurer.api;

import java.nio.file.Path;
import java.util.List;

/** The files export wrote, and what preflight would refuse on this database (the files are written anyway). */
public record ExportResult(List<Path> files, List<String> problems) {
}
