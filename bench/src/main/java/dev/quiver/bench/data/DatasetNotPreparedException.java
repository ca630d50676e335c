package dev.quiver.bench.data;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Thrown when a real dataset is asked for before it was prepared; the message names the directory looked in and the
 * exact command that prepares it.
 */
public final class DatasetNotPreparedException extends IOException {

  private static final long serialVersionUID = 1L;

  private final String prepareCommand;

  /**
   * Creates the exception.
   *
   * @param dataset the dataset asked for
   * @param directory where it was looked for ({@code <data root>/<name>})
   * @param prepareCommand the command that prepares it there
   */
  public DatasetNotPreparedException(KnownDataset dataset, Path directory, String prepareCommand) {
    super("dataset " + dataset.specName() + " is not prepared: " + directory + " has no "
        + DatasetInfo.FILE_NAME + "; prepare it with: " + prepareCommand + " (needs the Debian package "
        + dataset.debianPackage() + ")");
    this.prepareCommand = prepareCommand;
  }

  /**
   * A dataset prepared by an older Quiver whose layout this one no longer reads the same way.
   *
   * @param layout the layout the directory holds ({@link DatasetInfo#layout()})
   * @param prepareCommand the command that prepares it again there (with {@code --force})
   */
  public DatasetNotPreparedException(KnownDataset dataset, Path directory, int layout, String prepareCommand) {
    super("dataset " + dataset.specName() + " in " + directory + " was prepared with layout " + layout
        + ", older than this Quiver's " + dataset.layout() + " (" + dataset.staleLayout() + "); prepare it again with: "
        + prepareCommand);
    this.prepareCommand = prepareCommand;
  }

  /** The command that prepares the missing dataset, e.g. {@code ./quiver bench prepare fmnist --data-dir /data}. */
  public String prepareCommand() {
    return prepareCommand;
  }
}
