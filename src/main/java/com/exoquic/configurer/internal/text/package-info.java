/**
 * Text for people, the same wherever the tool writes it: lists cut to an
 * {@link com.exoquic.configurer.internal.text.Excerpt}, numbers with their noun as a {@link
 * com.exoquic.configurer.internal.text.Count}; and a text's digest ({@link
 * com.exoquic.configurer.internal.text.Sha256}), written once for the fingerprints and names made from it.
 */
package com.exoquic.configurer.internal.text;
