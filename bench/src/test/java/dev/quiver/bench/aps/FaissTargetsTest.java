package dev.quiver.bench.aps;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class FaissTargetsTest {

  @Test
  void candidatesAreTheVisitedNprobesAndTheChosenOnesNeighboursWithinNlist() {
    TreeSet<Integer> visited = new TreeSet<>(List.of(1, 2, 4, 8, 16, 12, 10, 9));
    assertEquals(List.of(1, 2, 3, 4, 8, 9, 10, 11, 12, 16, 18, 19, 20),
        List.copyOf(FaissTargets.candidates(visited, new int[] {2, 10, 20}, 20)));
  }
}
