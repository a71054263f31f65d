package com.exoquic.configurer.internal.template;

import com.exoquic.configurer.internal.config.CaptureSet;
import com.exoquic.configurer.internal.config.Identifier;
import com.exoquic.configurer.internal.config.TableName;
import com.exoquic.configurer.internal.sql.Sql;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The model of the {@code captured_tables} partial, shared by inspection and migrations. */
public final class CaptureModel {
    private CaptureModel() {
    }

    public static Map<String, Object> of(CaptureSet capture) {
        Map<String, Object> model = new HashMap<>();
        model.put("allTables", capture.isAllTables());
        model.put("hasTables", !capture.tables().isEmpty());
        model.put("tables", SqlModel.tables(capture.tables()));
        model.put("tableRegclasses", SqlModel.regclasses(capture.tables()));
        model.put("hasSchemas", !capture.schemas().isEmpty());
        model.put("schemas", SqlModel.identifiers(capture.schemas()));
        model.put("schemaLiterals", SqlModel.literals(capture.schemas()));
        model.put("tableTexts", Sql.list(capture.tables().stream().map(t -> Sql.literal(t.quoted())).toList()));
        model.put("tableSchemaLiterals", SqlModel.literals(capture.tables().stream().map(TableName::schema).toList()));
        model.put("tableNameLiterals", SqlModel.literals(capture.tables().stream().map(TableName::table).toList()));
        List<Identifier> capturedSchemas = capturedSchemas(capture);
        model.put("capturedSchemas", SqlModel.identifiers(capturedSchemas));
        model.put("capturedSchemaLiterals", SqlModel.literals(capturedSchemas));
        model.put("hasCapturedSchemas", !capturedSchemas.isEmpty());
        return model;
    }

    /** The schemas of the listed tables and the listed schemas. */
    private static List<Identifier> capturedSchemas(CaptureSet capture) {
        TreeSet<Identifier> schemas = new TreeSet<>(capture.schemas());
        capture.tables().forEach(table -> schemas.add(table.schema()));
        return new ArrayList<>(schemas);
    }

    /** For reading the catalog: a listed table that does not exist is left out instead of failing the query. */
    public static Map<String, Object> lenient(CaptureSet capture) {
        Map<String, Object> model = of(capture);
        model.put("lenient", true);
        return model;
    }
}
