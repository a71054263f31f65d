/**
 * The operations behind the CLI's verbs and the library's methods: {@link
 * com.exoquic.configurer.internal.operation.Migrator migrate}, the {@link
 * com.exoquic.configurer.internal.operation.DryRun dry-run}, {@link
 * com.exoquic.configurer.internal.operation.Validator validate}, {@link
 * com.exoquic.configurer.internal.operation.Info info}, {@link com.exoquic.configurer.internal.operation.Exporter
 * export} and {@link com.exoquic.configurer.internal.operation.Teardown teardown}. Each opens its connection, asks
 * {@code internal.plan} what to do and carries it out (or shows it); planning itself lives in {@code internal.plan}.
 */
package com.exoquic.configurer.internal.operation;
