package io.epiwatch.brief;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.epiwatch.config.AppConfig;
import io.epiwatch.config.Policy;
import java.util.ResourceBundle;
import org.junit.jupiter.api.Test;

/**
 * Every cluster rule the shipped conf defines has a name in both briefing languages: a rule added
 * to conf without one would reach the leaders' alert table as its code (e.g. class_rate).
 */
class RuleLabelsTest {
  @Test
  void everyShippedRuleHasAChineseAndAnEnglishName() {
    for (String lang : new String[] {"zh", "en"}) {
      ResourceBundle b = BriefingRenderer.bundle(lang);
      for (Policy.ClusterRule r : AppConfig.fromString("").policy().clusterRules())
        assertTrue(b.containsKey("rule." + r.rule()), lang + ": no name for rule " + r.rule());
      assertTrue(b.containsKey("rule.school_ears_c2"), lang + ": no name for the EARS-C2 alerts");
    }
  }
}
