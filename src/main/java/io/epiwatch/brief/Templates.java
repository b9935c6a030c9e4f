package io.epiwatch.brief;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import net.sf.jasperreports.engine.JRException;
import net.sf.jasperreports.engine.JasperCompileManager;
import net.sf.jasperreports.engine.JasperReport;
import net.sf.jasperreports.engine.util.JRLoader;

/**
 * The report templates (reports/*.jrxml). The build compiles each into reports/*.jasper beside it
 * on the classpath ({@link #main}, run by Maven in process-classes), so a run loads the compiled
 * report instead of compiling it again (about 5 s of a cold JVM); a template without its compiled
 * form (a JRXML edited in a checkout without a build) is compiled on first use.
 */
public final class Templates {
  private Templates() {}

  static {
    // Hadoop's shaded StAX implementation registers itself and breaks Jackson XML (JRXML 7).
    System.setProperty("javax.xml.stream.XMLInputFactory", "com.ctc.wstx.stax.WstxInputFactory");
    System.setProperty("javax.xml.stream.XMLOutputFactory", "com.ctc.wstx.stax.WstxOutputFactory");
  }

  private static final Map<String, JasperReport> LOADED = new HashMap<>();

  /** The template {@code reports/<name>}, loaded once per JVM. */
  static synchronized JasperReport get(String name) {
    return LOADED.computeIfAbsent(name, Templates::load);
  }

  private static JasperReport load(String name) {
    ClassLoader cl = Templates.class.getClassLoader();
    String source = "reports/" + name + ".jrxml";
    try (InputStream compiled = cl.getResourceAsStream("reports/" + name + ".jasper")) {
      if (compiled != null) return (JasperReport) JRLoader.loadObject(compiled);
      try (InputStream in = cl.getResourceAsStream(source)) {
        if (in == null)
          throw new IllegalStateException("template " + source + " is not on the classpath");
        return JasperCompileManager.compileReport(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (JRException e) {
      throw new IllegalStateException(source + ": " + e.getMessage(), e);
    }
  }

  /**
   * Compiles every {@code *.jrxml} of the folder into a {@code .jasper} beside it; a template that
   * does not compile fails the build, naming the file.
   *
   * @param args the folder (the build's target/classes/reports)
   */
  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    try (DirectoryStream<Path> jrxml = Files.newDirectoryStream(dir, "*.jrxml")) {
      for (Path f : jrxml) {
        String name = f.getFileName().toString().replaceFirst("\\.jrxml$", ".jasper");
        try {
          JasperCompileManager.compileReportToFile(f.toString(), dir.resolve(name).toString());
        } catch (JRException e) {
          throw new IllegalStateException(f + ": " + e.getMessage(), e);
        }
      }
    }
  }
}
