package com.exoquic.configurer.internal.template;

import com.exoquic.configurer.internal.config.CaptureSet;

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
        return model;
    }
}
