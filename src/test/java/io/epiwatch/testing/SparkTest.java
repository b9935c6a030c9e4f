package io.epiwatch.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A test class that needs the shared local SparkSession ({@link SparkExtension}). Tagged {@code
 * spark} so the fast tier ({@code mvn -B test -Pfast}) leaves it out; every test that touches Spark
 * carries it ({@code FastTierTest} fails otherwise).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("spark")
@ExtendWith(SparkExtension.class)
public @interface SparkTest {}
