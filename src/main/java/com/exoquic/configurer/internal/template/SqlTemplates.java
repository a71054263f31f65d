package com.exoquic.configurer.internal.template;

import com.exoquic.configurer.internal.sql.Sql;
import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import com.github.mustachejava.MustacheFactory;
import com.github.mustachejava.reflect.ReflectionObjectHandler;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders the SQL templates of {@code sql-templates/} (packaged as classpath resources). A template writes only
 * {@link Sql} values: anything else in the model (a raw {@code String}, a number) fails the render, so every name
 * reaches SQL through {@link Sql}'s escaping. Mustache's HTML escaping is off, as it would corrupt SQL.
 *
 * <p>Dollar-quoted bodies ({@code DO {{dollar}} ... {{dollar}}}) get a tag that no value of the model contains,
 * chosen per render, and the rendered text is checked to hold the tag only where the template put it: a name
 * such as {@code x$exoquic$} cannot end a body early.
 *
 * <p>The rendered text never holds {@value Sql#FLYWAY_PLACEHOLDER} (see {@link Sql}): the exported migrations are
 * read by an application's Flyway, which would take it for a placeholder. A template that wrote one fails here.
 */
public final class SqlTemplates {
    private static final String FOLDER = "sql-templates/";
    private static final String DOLLAR = "dollar";
    // One factory for every renderer: it keeps each template compiled, and a fleet renders them for every target.
    private static final MustacheFactory factory = new DefaultMustacheFactory() {
        {
            setObjectHandler(new ReflectionObjectHandler() {
                @Override
                public String stringify(Object value) {
                    if (value instanceof Sql sql) {
                        return sql.text();
                    }
                    if (value instanceof DollarTag tag) {
                        return tag.write();
                    }
                    throw new IllegalArgumentException("a template may write only Sql values, not "
                            + value.getClass().getSimpleName());
                }
            });
        }

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

    /**
     * Renders {@code sql-templates/<name>.sql.mustache} with the model, whose values may be {@link Sql},
     * {@link Boolean} (for sections), lists and maps of those, or null.
     */
    public String render(String name, Map<String, Object> model) {
        List<String> texts = new ArrayList<>();
        collect(model, texts);
        DollarTag tag = DollarTag.avoiding(texts);
        Map<String, Object> scope = new HashMap<>(model);
        scope.put(DOLLAR, tag);
        Mustache mustache = factory.compile(name + ".sql.mustache");
        StringWriter out = new StringWriter();
        mustache.execute(out, scope);
        String sql = out.toString().strip() + "\n";
        tag.requireOnlyWhereWritten(sql, name);
        if (sql.contains(Sql.FLYWAY_PLACEHOLDER)) {
            throw new IllegalStateException("rendering " + name + ": the text holds " + Sql.FLYWAY_PLACEHOLDER
                    + ", which Flyway would take for a placeholder");
        }
        return sql;
    }

    /** Checks the model's types and gathers the text of every Sql value in it. */
    private static void collect(Object value, List<String> texts) {
        if (value == null || value instanceof Boolean) {
            return;
        }
        if (value instanceof Sql sql) {
            texts.add(sql.text());
        } else if (value instanceof Map<?, ?> map) {
            map.values().forEach(each -> collect(each, texts));
        } else if (value instanceof List<?> list) {
            list.forEach(each -> collect(each, texts));
        } else {
            throw new IllegalArgumentException("a template model may hold only Sql values, booleans, lists and maps,"
                    + " not " + value.getClass().getSimpleName());
        }
    }

    /** The tag of a render's dollar-quoted bodies, counting how often the template wrote it. */
    private static final class DollarTag {
        private final Sql tag;
        private int written;

        private DollarTag(Sql tag) {
            this.tag = tag;
        }

        /** {@code $exoquic$}, or {@code $exoquic_1$}, ... : the first that none of {@code texts} contains. */
        static DollarTag avoiding(List<String> texts) {
            for (int n = 0; ; n++) {
                Sql candidate = Sql.dollarTag(n == 0 ? "exoquic" : "exoquic_" + n);
                if (texts.stream().noneMatch(text -> text.contains(candidate.text()))) {
                    return new DollarTag(candidate);
                }
            }
        }

        String write() {
            written++;
            return tag.text();
        }

        void requireOnlyWhereWritten(String sql, String template) {
            int found = 0;
            for (int at = sql.indexOf(tag.text()); at >= 0; at = sql.indexOf(tag.text(), at + 1)) {
                found++;
            }
            if (found != written) {
                throw new IllegalStateException("rendering " + template + ": the dollar-quote tag occurs " + found
                        + " times, but the template wrote it " + written + " times");
            }
        }
    }
}
