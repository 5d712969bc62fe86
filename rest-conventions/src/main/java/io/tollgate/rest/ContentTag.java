package io.tollgate.rest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a read whose answer is computed from many sources (a health rating, earned value, a gate
 * check) and so has no version of its own: its {@code ETag} is a digest of the body it answers
 * ({@link ConditionalGet}), so that a dashboard that polls it with {@code If-None-Match} gets
 * {@code 304} while nothing in it changed.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ContentTag {}
