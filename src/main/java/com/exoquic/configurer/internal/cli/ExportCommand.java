package com.exoquic.configurer.internal.cli;

import com.exoquic.configurer.api.ExportResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write the rendered migrations as plain Flyway SQL files (R__exoquic_*.sql) into DIR/drop-in, for an"
                + " existing project's migration folder, and DIR/separate-history, for a Flyway of their own, with a"
                + " README on both and on the steps that are no migrations.")
final class ExportCommand extends Verb implements Callable<Integer> {

    @Option(names = "--dir", required = true, paramLabel = "DIR", description = "Folder to write the SQL files into.")
    Path dir;

    @Override
    public Integer call() {
        ExportResult result = configure().load().export(dir);
        result.files().forEach(file -> out().println("wrote " + file));
        result.problems().forEach(problem -> err().println("WARNING: " + problem));
        return 0;
    }
}
