package io.epiwatch.cli;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sparkproject.connect.grpc.ForwardingServerCall;
import org.sparkproject.connect.grpc.ForwardingServerCallListener;
import org.sparkproject.connect.grpc.Metadata;
import org.sparkproject.connect.grpc.ServerCall;
import org.sparkproject.connect.grpc.ServerCallHandler;
import org.sparkproject.connect.grpc.ServerInterceptor;
import org.sparkproject.connect.grpc.Status;
import org.sparkproject.connect.protobuf.Descriptors;
import org.sparkproject.connect.protobuf.Message;

/**
 * The first gate of jobs/serve, on the Spark Connect requests themselves (configured as {@code
 * spark.connect.grpc.interceptor.classes}): a request whose plan holds a DataFrame read by format
 * or path ({@code spark.read...load(path)}), a write ({@code df.write}, {@code writeTo},
 * streaming), a user-defined function or data source (code from the client: Scala, Java or Python
 * closures are never deserialized), an ML command (models are read and written by path), a pipeline
 * or an external command is refused with PERMISSION_DENIED before the server plans it; uploading
 * artifacts (jars, classes, files) is refused too. Everything else goes on to the session, where
 * {@link io.epiwatch.catalog.ReadOnlyExtension} checks every parsed statement and analysed plan
 * ({@link io.epiwatch.catalog.ReadOnlyQueries}).
 */
public final class ReadOnlyConnectInterceptor implements ServerInterceptor {
  /** Protobuf message types that may not appear anywhere in a request, with what they are. */
  static final Map<String, String> REFUSED =
      Map.ofEntries(
          Map.entry(
              "spark.connect.Read.DataSource",
              "reading a data source by format or path (use spark.table(\"gold.x\") or SQL)"),
          Map.entry("spark.connect.WriteOperation", "writing a DataFrame"),
          Map.entry("spark.connect.WriteOperationV2", "writing a DataFrame"),
          Map.entry("spark.connect.WriteStreamOperationStart", "starting a stream"),
          Map.entry("spark.connect.StreamingQueryCommand", "a streaming query command"),
          Map.entry("spark.connect.StreamingQueryManagerCommand", "a streaming query command"),
          Map.entry("spark.connect.MergeIntoTableCommand", "MERGE"),
          Map.entry("spark.connect.CommonInlineUserDefinedFunction", "a user-defined function"),
          Map.entry(
              "spark.connect.CommonInlineUserDefinedTableFunction",
              "a user-defined table function"),
          Map.entry(
              "spark.connect.CommonInlineUserDefinedDataSource", "a user-defined data source"),
          Map.entry("spark.connect.ScalarScalaUDF", "a Scala function"),
          Map.entry("spark.connect.JavaUDF", "a Java function"),
          Map.entry("spark.connect.PythonUDF", "a Python function"),
          Map.entry("spark.connect.PythonUDTF", "a Python table function"),
          Map.entry("spark.connect.PythonDataSource", "a Python data source"),
          Map.entry("spark.connect.TypedAggregateExpression", "a typed aggregator"),
          Map.entry("spark.connect.StreamingForeachFunction", "a foreach function"),
          Map.entry("spark.connect.MlCommand", "an ML command"),
          Map.entry("spark.connect.MlRelation", "an ML relation"),
          Map.entry("spark.connect.PipelineCommand", "a pipeline command"),
          Map.entry("spark.connect.ExecuteExternalCommand", "an external command"),
          Map.entry("spark.connect.CreateExternalTable", "creating a table"),
          Map.entry("spark.connect.CreateTable", "creating a table"));

  /** Service methods refused outright. */
  static final Set<String> REFUSED_METHODS =
      Set.of("spark.connect.SparkConnectService/AddArtifacts");

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    OnceClosed<Q, R> once = new OnceClosed<>(call);
    if (REFUSED_METHODS.contains(call.getMethodDescriptor().getFullMethodName())) {
      once.refuse("uploading artifacts (jars, classes, files)");
      return new ServerCall.Listener<>() {};
    }
    ServerCall.Listener<Q> delegate = next.startCall(once, headers);
    return new ForwardingServerCallListener.SimpleForwardingServerCallListener<>(delegate) {
      @Override
      public void onMessage(Q message) {
        if (once.closed) return;
        String refused = message instanceof Message m ? refusedPart(m) : null;
        if (refused != null) {
          once.refuse(refused);
          return;
        }
        super.onMessage(message);
      }

      @Override
      public void onHalfClose() {
        if (!once.closed) super.onHalfClose();
      }
    };
  }

  /** What in the message is refused, or null. */
  static String refusedPart(Message m) {
    Descriptors.Descriptor d = m.getDescriptorForType();
    String what = REFUSED.get(d.getFullName());
    if (what != null) return what;
    for (Map.Entry<Descriptors.FieldDescriptor, Object> f : m.getAllFields().entrySet()) {
      if (f.getKey().getJavaType() != Descriptors.FieldDescriptor.JavaType.MESSAGE) continue;
      Object v = f.getValue();
      if (v instanceof List<?> list) {
        for (Object o : list) {
          String r = o instanceof Message sub ? refusedPart(sub) : null;
          if (r != null) return r;
        }
      } else if (v instanceof Message sub) {
        String r = refusedPart(sub);
        if (r != null) return r;
      }
    }
    return null;
  }

  /** The call, closed at most once (the token check before this may have closed it already). */
  private static final class OnceClosed<Q, R>
      extends ForwardingServerCall.SimpleForwardingServerCall<Q, R> {
    volatile boolean closed;

    OnceClosed(ServerCall<Q, R> call) {
      super(call);
    }

    @Override
    public synchronized void close(Status status, Metadata trailers) {
      if (closed) return;
      closed = true;
      super.close(status, trailers);
    }

    void refuse(String what) {
      close(
          Status.PERMISSION_DENIED.withDescription(
              "refused: " + what + " (jobs/serve only reads the warehouse tables by name)"),
          new Metadata());
    }
  }
}
