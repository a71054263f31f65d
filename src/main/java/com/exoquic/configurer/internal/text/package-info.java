/** Text for people, the same wherever the tool writes it: lists cut to an {@link com.exoquic.configurer.internal.text.Excerpt}. */
package com.exoquic.configurer.internal.text;
