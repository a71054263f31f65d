package com.exoquic.configurer.internal.template;

import com.exoquic.configurer.internal.config.CaptureSet;
import com.exoquic.configurer.internal.config.TableName;
import com.exoquic.configurer.internal.sql.Sql;

import java.util.HashMap;
import java.util.Map;

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
        return model;
    }

    /** For reading the catalog: a listed table that does not exist is left out instead of failing the query. */
    public static Map<String, Object> lenient(CaptureSet capture) {
        Map<String, Object> model = of(capture);
        model.put("lenient", true);
        return model;
    }
}
