package dev.quiver.adapter.store;

import dev.quiver.index.Metric;
import dev.quiver.index.aps.ModelDimensions;
import dev.quiver.index.ivf.IvfIndex;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The trained state of one vector column's index, saved so a restart skips k-means and calibration: centroids, the
 * partitions' stable ids, APS model dimensions, and the partition of every row. It is derived state, never the
 * record: rows always come from H2, rows the checkpoint does not know go to their nearest centroid, and a missing,
 * stale or damaged checkpoint only means a rebuild.
 *
 * @param partitionIds each partition's stable id, in centroid order (what {@code quiver.partitions} shows)
 * @param rowIds the row ids covered, ascending
 * @param partitions each covered row's partition, parallel to {@code rowIds}
 */
public record IndexCheckpoint(int dim, Metric metric, int nlist, float[] centroids, long[] partitionIds,
    ModelDimensions[] modelDimensions, long[] rowIds, int[] partitions) {

  private static final Logger LOG = Logger.getLogger(IndexCheckpoint.class.getName());
  private static final int MAGIC = 0x51564358; // "QVCX"
  private static final int VERSION = 3; // 2: candidate counts per target; 3: a model for k = 1000, partition ids

  /** The checkpoint of {@code index}, covering {@code rowIds}. */
  public static IndexCheckpoint of(IvfIndex index, long[] rowIds) {
    long[] sorted = rowIds.clone();
    Arrays.sort(sorted);
    int[] partitions = new int[sorted.length];
    for (int i = 0; i < sorted.length; i++) {
      partitions[i] = index.partitionOf(sorted[i]);
    }
    return new IndexCheckpoint(index.params().dim(), index.params().metric(), index.nlist(), index.centroids(),
        index.partitionIds(), index.modelDimensionsByK(), sorted, partitions);
  }

  /** The partition of {@code rowId}, or −1 if the checkpoint does not cover it. */
  public int partitionOf(long rowId) {
    int at = Arrays.binarySearch(rowIds, rowId);
    return at < 0 ? -1 : partitions[at];
  }

  /** Writes the checkpoint to {@code file} atomically (a temporary file renamed into place). */
  public void write(Path file) throws IOException {
    Files.createDirectories(file.getParent());
    Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
    try (DataOutputStream out = new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(temporary),
        1 << 16))) {
      out.writeInt(MAGIC);
      out.writeInt(VERSION);
      out.writeInt(dim);
      out.writeUTF(metric.name());
      out.writeInt(nlist);
      for (float c : centroids) {
        out.writeFloat(c);
      }
      for (long id : partitionIds) {
        out.writeLong(id);
      }
      out.writeInt(modelDimensions.length);
      for (ModelDimensions dims : modelDimensions) {
        out.writeInt(dims.targets().length);
        for (int i = 0; i < dims.targets().length; i++) {
          out.writeDouble(dims.targets()[i]);
          out.writeInt(dims.dimensions()[i]);
          out.writeInt(dims.candidates()[i]);
        }
      }
      out.writeInt(rowIds.length);
      for (int i = 0; i < rowIds.length; i++) {
        out.writeLong(rowIds[i]);
        out.writeInt(partitions[i]);
      }
    }
    Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Reads a checkpoint, or returns null (and logs why) if there is none or it cannot be used. */
  public static IndexCheckpoint read(Path file) {
    if (!Files.exists(file)) {
      return null;
    }
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file), 1 << 16))) {
      if (in.readInt() != MAGIC || in.readInt() != VERSION) {
        LOG.warning(() -> file + " is not a checkpoint this version reads; the index will be rebuilt");
        return null;
      }
      int dim = in.readInt();
      Metric metric = Metric.valueOf(in.readUTF());
      int nlist = in.readInt();
      float[] centroids = new float[nlist * dim];
      for (int i = 0; i < centroids.length; i++) {
        centroids[i] = in.readFloat();
      }
      long[] partitionIds = new long[nlist];
      for (int i = 0; i < nlist; i++) {
        partitionIds[i] = in.readLong();
      }
      ModelDimensions[] modelDimensions = new ModelDimensions[in.readInt()];
      for (int k = 0; k < modelDimensions.length; k++) {
        double[] targets = new double[in.readInt()];
        int[] dims = new int[targets.length];
        int[] candidates = new int[targets.length];
        for (int i = 0; i < targets.length; i++) {
          targets[i] = in.readDouble();
          dims[i] = in.readInt();
          candidates[i] = in.readInt();
        }
        modelDimensions[k] = new ModelDimensions(targets, dims, candidates);
      }
      long[] rowIds = new long[in.readInt()];
      int[] partitions = new int[rowIds.length];
      for (int i = 0; i < rowIds.length; i++) {
        rowIds[i] = in.readLong();
        partitions[i] = in.readInt();
      }
      return new IndexCheckpoint(dim, metric, nlist, centroids, partitionIds, modelDimensions, rowIds, partitions);
    } catch (IOException | RuntimeException e) {
      LOG.log(Level.WARNING, file + " could not be read (" + e + "); the index will be rebuilt", e);
      return null;
    }
  }
}
