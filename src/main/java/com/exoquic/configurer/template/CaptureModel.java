package com.exoquic.configurer.template;

import com.exoquic.configurer.config.CaptureSet;

import java.util.HashMap;
import java.util.Map;

/** The model of the {@code captured_tables} partial, shared by inspection and migrations. */
public final class CaptureModel {
    private CaptureModel() {
    }

    public static Map<String, Object> of(CaptureSet capture) {
        Map<String, Object> model = new HashMap<>();
        model.put("allTables", capture.isAllTables());
        model.put("tables", SqlModel.tables(capture.tables()));
        model.put("hasTables", !capture.tables().isEmpty());
        model.put("schemas", SqlModel.names(capture.schemas()));
        model.put("hasSchemas", !capture.schemas().isEmpty());
        return model;
    }
}
