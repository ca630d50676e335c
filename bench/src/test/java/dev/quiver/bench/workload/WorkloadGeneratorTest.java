package dev.quiver.bench.workload;

import static dev.quiver.bench.workload.WorkloadTestData.BASE;
import static dev.quiver.bench.workload.WorkloadTestData.QUERIES;
import static dev.quiver.bench.workload.WorkloadTestData.drain;
import static dev.quiver.bench.workload.WorkloadTestData.small;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.quiver.bench.workload.WorkloadOperation.Delete;
import dev.quiver.bench.workload.WorkloadOperation.Insert;
import dev.quiver.bench.workload.WorkloadOperation.Query;
import dev.quiver.index.Metric;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WorkloadGeneratorTest {

  private static WorkloadGenerator generator(WorkloadParams params) {
    return new WorkloadGenerator(BASE, QUERIES, Metric.L2, params);
  }

  @Test
  void sameSeedGivesTheSameStreamAndAnotherSeedDoesNot() {
    WorkloadParams params = small().withInsertDeleteRatio(1).withUpdateClusterSampleFraction(0.05);
    WorkloadStream first = generator(params).stream();
    WorkloadGenerator again = generator(params);
    WorkloadStream second = again.stream();
    assertArrayEquals(first.initial().ids(), second.initial().ids());
    assertArrayEquals(first.initial().vectors(), second.initial().vectors());
    List<WorkloadOperation> a = drain(first);
    List<WorkloadOperation> b = drain(second);
    assertEquals(a.size(), b.size());
    for (int i = 0; i < a.size(); i++) {
      assertSameOperation(a.get(i), b.get(i));
    }
    // A second pass over the same generator replays the stream exactly.
    List<WorkloadOperation> replay = drain(again.stream());
    for (int i = 0; i < a.size(); i++) {
      assertSameOperation(a.get(i), replay.get(i));
    }
    WorkloadStream other = generator(params.withSeed(7)).stream();
    assertFalse(java.util.Arrays.equals(first.initial().ids(), other.initial().ids()));
  }

  @Test
  void countsFollowTheRatios() {
    WorkloadParams params = small().withInsertDeleteRatio(3).withReadWriteRatio(0.25).withSteps(40);
    WorkloadGenerator generator = generator(params);
    assertEquals(400, generator.initialCount()); // s0 = 0.1 × 4000
    int inserts = 0;
    int deletes = 0;
    int queries = 0;
    for (WorkloadOperation op : drain(generator.stream())) {
      switch (op) {
        case Insert insert -> {
          inserts++;
          assertEquals(50, insert.count());
          assertEquals(50 * 16, insert.vectors().length);
        }
        case Delete delete -> {
          deletes++;
          assertEquals(50, delete.count());
        }
        case Query query -> {
          queries += query.count();
          assertEquals(16, query.dim());
        }
      }
    }
    assertEquals(30, inserts); // r_id = 3: three insert batches per delete batch
    assertEquals(10, deletes);
    assertEquals(500, queries); // r_rw · su · steps = 0.25 × 50 × 40
  }

  @Test
  void insertOnlyDeleteOnlyAndQueryFreeStreams() {
    List<WorkloadOperation> insertOnly = drain(generator(small()).stream());
    assertTrue(insertOnly.stream().noneMatch(op -> op instanceof Delete));
    WorkloadParams deleteOnly = small().withInitialFraction(0.9).withInsertDeleteRatio(0).withReadWriteRatio(0);
    List<WorkloadOperation> ops = drain(generator(deleteOnly).stream());
    assertEquals(30, ops.size());
    ops.forEach(op -> assertInstanceOf(Delete.class, op));
  }

  @Test
  void stepsZeroRunsUntilTheDatasetIsUsedUp() {
    WorkloadGenerator generator = generator(small().withSteps(0).withUpdateSize(100).withReadWriteRatio(0));
    assertEquals(36, generator.steps()); // (4000 − 400) / 100 never-inserted vectors
    assertEquals(36, drain(generator.stream()).size());
  }

  @Test
  void residentSetNeverHoldsADeletedOrDuplicatedId() {
    WorkloadParams params = small().withInsertDeleteRatio(1.5).withUpdateClusterSampleFraction(0.1).withSteps(60);
    WorkloadStream stream = generator(params).stream();
    Set<Long> resident = new HashSet<>();
    Set<Long> retired = new HashSet<>();
    for (long id : stream.initial().ids()) {
      assertTrue(resident.add(id), "initial id " + id + " repeated");
    }
    while (stream.hasNext()) {
      switch (stream.next()) {
        case Insert insert -> {
          for (long id : insert.ids()) {
            assertFalse(retired.contains(id), "deleted id " + id + " re-inserted");
            assertTrue(resident.add(id), "id " + id + " inserted while resident");
          }
        }
        case Delete delete -> {
          for (long id : delete.ids()) {
            assertTrue(resident.remove(id), "id " + id + " deleted while not resident");
            retired.add(id);
          }
        }
        case Query query -> {
          for (long id : query.groundTruth()) {
            assertTrue(resident.contains(id), "ground truth holds non-resident id " + id);
          }
        }
      }
      assertEquals(resident.size(), stream.residentCount());
    }
    assertFalse(retired.isEmpty());
    retired.forEach(id -> assertFalse(stream.isResident(id)));
    resident.forEach(id -> assertTrue(stream.isResident(id)));
  }

  @Test
  void datasetQueriesAreDrawnFromTheGivenQueries() {
    Set<String> known = new HashSet<>();
    for (int q = 0; q < QUERIES.count(); q++) {
      known.add(java.util.Arrays.toString(java.util.Arrays.copyOfRange(QUERIES.values(), q * 16, q * 16 + 16)));
    }
    for (WorkloadOperation op : drain(generator(small().withSteps(5)).stream())) {
      if (op instanceof Query query) {
        for (int i = 0; i < query.count(); i++) {
          assertTrue(known.contains(java.util.Arrays.toString(query.vector(i))));
        }
      }
    }
  }

  private static void assertSameOperation(WorkloadOperation a, WorkloadOperation b) {
    assertEquals(a.getClass(), b.getClass());
    assertEquals(a.step(), b.step());
    switch (a) {
      case Insert insert -> {
        assertArrayEquals(insert.ids(), ((Insert) b).ids());
        assertArrayEquals(insert.vectors(), ((Insert) b).vectors());
      }
      case Delete delete -> assertArrayEquals(delete.ids(), ((Delete) b).ids());
      case Query query -> {
        assertArrayEquals(query.vectors(), ((Query) b).vectors());
        assertArrayEquals(query.groundTruth(), ((Query) b).groundTruth());
      }
    }
  }
}
