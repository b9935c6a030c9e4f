package io.epiwatch.gold;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.substring;

import io.epiwatch.config.Policy;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The policy as the data decides it: the home province and the home city from the schools' district
 * codes (unless configured; a configured one must match the schools), and the name of each city
 * from conf, else from the schools extract's city_name column. Cities with neither are named in a
 * WARN (the briefing then says so in its title). Reads silver.schools only (small).
 */
public final class DataPolicy {
  private static final Logger LOG = LoggerFactory.getLogger(DataPolicy.class);

  private DataPolicy() {}

  /**
   * @param schools silver.schools
   */
  public static Policy resolve(Dataset<Row> schools, Policy configured) {
    Set<String> provinces = new TreeSet<>();
    for (Row r : schools.select(substring(col("district_code"), 1, 2)).distinct().collectAsList()) {
      if (!r.isNullAt(0)) provinces.add(r.getString(0));
    }
    // A city's name from its latest schools row that carries one.
    Map<String, String> dataNames = new LinkedHashMap<>();
    Set<String> cities = new TreeSet<>();
    // A warehouse built before city_name existed has no such column: no names from the data.
    org.apache.spark.sql.Column cityName =
        java.util.Arrays.asList(schools.columns()).contains("city_name")
            ? col("city_name")
            : org.apache.spark.sql.functions.lit(null).cast("string").as("city_name");
    for (Row r :
        schools
            .transform(
                rows ->
                    io.epiwatch.spark.Frames.firstPer(
                        rows.select(col("city_code"), cityName, col("valid_from")),
                        java.util.List.of("city_code"),
                        col("city_name").isNull(),
                        col("valid_from").desc(),
                        col("city_name")))
            .collectAsList()) {
      cities.add(r.getString(0));
      if (!r.isNullAt(1) && !r.getString(1).isBlank())
        dataNames.put(r.getString(0), r.getString(1).trim());
    }
    Policy p = configured.resolve(provinces, dataNames);
    // The home city as the home province: derived from the schools (city code = district's first
    // four digits + 00), a configured one must be the city of a school.
    Set<String> homeCities = new TreeSet<>();
    for (String city : cities) if (city != null) homeCities.add(city.substring(0, 4));
    p = p.resolveHomeCity(homeCities);
    if (configured.homeCity() == null) {
      if (p.homeCity() != null)
        LOG.info(
            "home city {} derived from the schools' district codes (epiwatch.policy.home-city unset)",
            p.homeCity());
      else if (homeCities.size() > 1)
        LOG.info(
            "the schools span the cities {} and epiwatch.policy.home-city is unset: in_province is not split into in_city / out_of_city",
            homeCities);
    }
    if (configured.homeProvince() == null && p.homeProvince() != null) {
      LOG.info(
          "home province {} derived from the schools' district codes (epiwatch.policy.home-province unset)",
          p.homeProvince());
    }
    for (String city : cities) {
      if (!p.cityNames().containsKey(city)) {
        LOG.warn(
            "city {} has no name: set epiwatch.policy.city-names.\"{}\" in conf or give the schools extract a city_name "
                + "(城市名称) column; the briefing title shows the code",
            city,
            city);
      }
    }
    return p;
  }
}
