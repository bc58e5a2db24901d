package dev.llmpipeline.local.e2e;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@link dev.llmpipeline.local.client.PipelineClient} parameter that {@link LocalStackExtension} resolves
 * to a client signed in as this owner: {@code @Owner("alice") PipelineClient alice}.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
public @interface Owner {
    /** The owner the client acts as: {@code "alice"} or {@code "bob"}. */
    String value();
}
