package com.exoquic.configurer.cli;

import com.exoquic.configurer.api.ExportResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write the rendered migrations as plain Flyway SQL files (V1__..., R__...) into DIR, ready for an"
                + " existing project's migration folder, with a README on the steps that must run as callbacks.")
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
