package com.exoquic.configurer.internal.cli;

import com.exoquic.configurer.ExoquicConfigurer;
import com.exoquic.configurer.api.ExportResult;
import com.exoquic.configurer.api.ExportSet;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(name = "export", mixinStandardHelpOptions = true,
        description = "Write the rendered migrations as plain Flyway SQL files (R__exoquic_*.sql) into DIR/drop-in, for an"
                + " existing project's migration folder, and DIR/separate-history, for a Flyway of their own, with a"
                + " README on both and on the steps that are no migrations; or, with --only, one set straight into DIR."
                + " The files work with Flyway's default settings.")
final class ExportCommand extends Verb implements Callable<Integer> {

    @Option(names = "--dir", required = true, paramLabel = "DIR", description = "Folder to write the SQL files into.")
    Path dir;
    @Option(names = "--only", paramLabel = "SET", converter = SetConverter.class,
            description = "Write only this set (drop-in or separate-history), straight into DIR, without a README;"
                    + " e.g. --only drop-in --dir src/main/resources/db/migration.")
    ExportSet only;

    @Override
    public Integer call() {
        ExoquicConfigurer configurer = configure().load();
        ExportResult result = only == null ? configurer.export(dir) : configurer.export(dir, only);
        result.files().forEach(file -> out().println("wrote " + file));
        if (only != null) {
            out().println("Not in these files: the server settings, the replication password and the slot;"
                    + " exoquic-configurer migrate does them (export without --only writes a README on them).");
        }
        result.problems().forEach(problem -> err().println("WARNING: " + problem));
        return 0;
    }

    /** {@code drop-in} or {@code separate-history}, as the folders are named. */
    static final class SetConverter implements CommandLine.ITypeConverter<ExportSet> {
        @Override
        public ExportSet convert(String value) {
            try {
                return ExportSet.of(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
