package dev.tacit.experiments.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SeriesAndSpecTest {

  @Test
  void seriesRejectsUnequalLengths() {
    assertThrows(IllegalArgumentException.class,
        () -> new Series("s", new double[] {1, 2}, new double[] {1}));
  }

  @Test
  void seriesIsImmutable() {
    double[] x = {1, 2};
    Series s = new Series("s", x, new double[] {3, 4});
    x[0] = 99;
    s.x()[1] = 99;
    assertEquals(1, s.x()[0]);
    assertEquals(2, s.x()[1]);
    assertEquals(new Series("s", new double[] {1, 2}, new double[] {3, 4}), s);
  }

  @Test
  void builderDefaults() {
    PlotSpec spec = PlotSpec.builder("t").build();
    assertEquals(Axis.LINEAR, spec.xAxis());
    assertEquals(Axis.LINEAR, spec.yAxis());
    assertEquals(800, spec.width());
    assertEquals(500, spec.height());
    assertEquals("", spec.xLabel());
    assertEquals(List.of(), spec.series());
  }

  @Test
  void specCopiesSeriesAndValidatesSize() {
    List<Series> list = new ArrayList<>();
    list.add(new Series("a", new double[] {1}, new double[] {1}));
    PlotSpec spec = PlotSpec.of("t", "x", "y", list);
    list.clear();
    assertEquals(1, spec.series().size());
    assertThrows(IllegalArgumentException.class,
        () -> PlotSpec.builder("t").size(0, 100).build());
  }
}
