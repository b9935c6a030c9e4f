package io.epiwatch.brief;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Follow-up items as text lines for assertions: the chosen fields joined by "|". */
final class FollowUpLines {
  private FollowUpLines() {}

  static List<String> of(List<FollowUpItem> items, Function<FollowUpItem, Object[]> fields) {
    return items.stream()
        .map(
            i ->
                Arrays.stream(fields.apply(i))
                    .map(String::valueOf)
                    .collect(Collectors.joining("|")))
        .toList();
  }
}
