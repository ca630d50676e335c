package dev.quiver.adapter.maintenance;

import java.util.Locale;

/** The phase a running {@link Job} is in; its SQL name ({@code quiver.jobs.phase}) is the constant in lower case. */
public enum JobPhase {
  /** Copying the column's vectors under the table's write lock (writes wait; searches do not). */
  SNAPSHOT,
  /** Training the centroids (k-means). */
  TRAINING,
  /** Assigning every vector to its nearest centroid's partition. */
  ASSIGNING,
  /** Calibrating APS's recall model on sampled queries. */
  CALIBRATING,
  /** Applying the writes made during the build to the new index, before it is published. */
  REPLAYING;

  /** The name {@code quiver.jobs.phase} shows. */
  public String sqlName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
