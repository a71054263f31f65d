/**
 * Text for people, the same wherever the tool writes it: lists cut to an
 * {@link com.exoquic.configurer.internal.text.Excerpt}, numbers with their noun as a {@link
 * com.exoquic.configurer.internal.text.Count}.
 */
package com.exoquic.configurer.internal.text;
