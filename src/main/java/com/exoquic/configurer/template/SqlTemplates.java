package com.exoquic.configurer.template;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Renders the SQL templates of {@code sql-templates/} (packaged as classpath resources). Values arrive
 * already quoted as identifiers or escaped as literals (see {@link SqlModel}); HTML escaping is off,
 * because Mustache's default would corrupt SQL ({@code O'Brien} would become {@code O&#39;Brien}).
 */
public final class SqlTemplates {
    private static final String FOLDER = "sql-templates/";
    private final MustacheFactory factory = new DefaultMustacheFactory() {
        @Override
        public void encode(String value, Writer writer) {
            try {
                writer.write(value);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        public Reader getReader(String resourceName) {
            // Partials ({{> name}}) arrive as name.mustache; every template file is name.sql.mustache.
            if (!resourceName.endsWith(".sql.mustache")) {
                resourceName = resourceName.replaceFirst("\\.mustache$", ".sql.mustache");
            }
            InputStream in = SqlTemplates.class.getClassLoader().getResourceAsStream(FOLDER + resourceName);
            if (in == null) {
                throw new IllegalStateException("SQL template missing from the build: " + FOLDER + resourceName);
            }
            return new InputStreamReader(in, StandardCharsets.UTF_8);
        }
    };

    /** Renders {@code sql-templates/<name>.sql.mustache} with the model. */
    public String render(String name, Map<String, Object> model) {
        Mustache mustache = factory.compile(name + ".sql.mustache");
        StringWriter out = new StringWriter();
        mustache.execute(out, model);
        return out.toString().strip() + "\n";
    }
}
