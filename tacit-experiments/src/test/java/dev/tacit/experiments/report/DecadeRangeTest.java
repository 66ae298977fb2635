package dev.tacit.experiments.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DecadeRangeTest {

  private static DecadeRange of(double... v) {
    DecadeRange r = new DecadeRange();
    r.include(v);
    return r;
  }

  @Test
  void roundsOutwardsToDecades() {
    DecadeRange r = of(0.03, 7, -5, 0, Double.NaN);
    assertEquals(0.01, r.lower(), 1e-15);
    assertEquals(10, r.upper());
  }

  @Test
  void exactPowersAndConstantData() {
    DecadeRange r = of(1000, 1000);
    assertEquals(1000, r.lower());
    assertEquals(10000, r.upper());
    DecadeRange five = of(5);
    assertEquals(1, five.lower());
    assertEquals(10, five.upper());
  }

  @Test
  void emptyAndExtremeInputsStayPositiveAndFinite() {
    DecadeRange empty = of();
    assertEquals(1, empty.lower());
    assertEquals(10, empty.upper());
    DecadeRange extreme = of(Double.MIN_VALUE, Double.MAX_VALUE);
    assertTrue(extreme.lower() > 0 && extreme.lower() <= Double.MIN_VALUE);
    assertTrue(Double.isFinite(extreme.upper()) && extreme.upper() >= Double.MAX_VALUE);
    DecadeRange big = of(Double.MAX_VALUE);
    assertTrue(Double.isFinite(big.upper()) && big.upper() > big.lower());
  }
}
