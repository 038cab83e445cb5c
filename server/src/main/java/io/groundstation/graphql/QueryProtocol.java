package io.groundstation.graphql;

import graphql.ExecutionInput;
import graphql.ExecutionResult;
import graphql.GraphQL;
import graphql.GraphqlErrorBuilder;
import graphql.execution.DataFetcherExceptionHandler;
import graphql.execution.DataFetcherExceptionHandlerResult;
import graphql.execution.instrumentation.ChainedInstrumentation;
import graphql.analysis.MaxQueryComplexityInstrumentation;
import graphql.analysis.MaxQueryDepthInstrumentation;
import graphql.parser.ParserOptions;
import graphql.schema.DataFetcher;
import graphql.schema.GraphQLSchema;
import graphql.schema.idl.FieldWiringEnvironment;
import graphql.schema.idl.RuntimeWiring;
import graphql.schema.idl.SchemaGenerator;
import graphql.schema.idl.SchemaParser;
import graphql.schema.idl.TypeDefinitionRegistry;
import graphql.schema.idl.WiringFactory;
import io.groundstation.network.NetworkResults;
import io.groundstation.policy.PolicyService;
import io.groundstation.profile.ProfileService;
import io.groundstation.registry.ProcessRegistry;
import io.groundstation.task.OnDemandPlanner;
import io.groundstation.task.Tasks;
import io.groundstation.task.TriggerGovernor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * OAP's query protocol as graphql-java serves it: the official 10.1.0 schema files (taken from
 * query-graphql-plugin at build time), the later additions current clients send, the implemented fields wired to
 * the domain, every other root field answering an error that names it, and limits on what one document may ask.
 */
public final class QueryProtocol {

    private static final Logger LOG = LoggerFactory.getLogger(QueryProtocol.class);
    /** The official files of the profiling part of the protocol, in the order they extend one another. */
    private static final List<String> SCHEMA_FILES = List.of("/query-protocol/common.graphqls",
            "/query-protocol/metadata.graphqls", "/query-protocol/metadata-v2.graphqls",
            "/query-protocol/ebpf-profiling.graphqls", "/query-protocol/continuous-profiling.graphqls",
            "/query-protocol/topology.graphqls", "/graphql/groundstation-extensions.graphqls");
    private static final Set<String> ROOTS = Set.of("Query", "Mutation");
    /** What OAP's version query answers for 10.1.0; clients branch on the leading major.minor. */
    static final String VERSION = "10.1.0-groundstation";
    /** Deeper than any document of the protocol, introspection included (it nests about 13). */
    static final int MAX_DEPTH = 20;
    /** Fields one document may select, fragments expanded; introspection of the whole schema takes a few hundred. */
    static final int MAX_FIELDS = 2000;
    static final int MAX_TOKENS = 20_000;
    static final int MAX_DOCUMENT_CHARS = 256 * 1024;

    private final GraphQL graphql;
    private final ParserOptions parserOptions = ParserOptions.getDefaultOperationParserOptions().transform(
            options -> options.maxTokens(MAX_TOKENS).maxCharacters(MAX_DOCUMENT_CHARS));

    public QueryProtocol(ProcessRegistry registry, PolicyService policies, Tasks tasks,
                         TriggerGovernor triggers, OnDemandPlanner onDemand, ProfileService profiles, NetworkResults network, Clock clock) {
        TypeDefinitionRegistry types = new TypeDefinitionRegistry();
        SchemaParser parser = new SchemaParser();
        SCHEMA_FILES.forEach(file -> types.merge(parser.parse(resource(file))));
        NotImplemented notImplemented = new NotImplemented();
        RuntimeWiring.Builder wiring = RuntimeWiring.newRuntimeWiring().scalar(LongScalar.LONG)
                .wiringFactory(notImplemented);
        MetadataQueries metadata = new MetadataQueries(registry, clock);
        metadata.wire(wiring);
        new EbpfProfiling(tasks, onDemand, profiles, registry, metadata, clock).wire(wiring);
        new ContinuousProfiling(policies, tasks, triggers, metadata).wire(wiring);
        new ProcessTopologyQuery(network, registry, clock).wire(wiring);
        wiring.type("Query", type -> type.dataFetcher("version", env -> VERSION));
        wiring.type("Mutation", type -> type.dataFetcher("version", env -> VERSION));
        RuntimeWiring built = wiring.build();
        notImplemented.wired = built.getDataFetchers();
        GraphQLSchema schema = new SchemaGenerator().makeExecutableSchema(types, built);
        this.graphql = GraphQL.newGraphQL(schema)
                .instrumentation(new ChainedInstrumentation(new MaxQueryDepthInstrumentation(MAX_DEPTH),
                        new MaxQueryComplexityInstrumentation(MAX_FIELDS)))
                .defaultDataFetcherExceptionHandler(new Errors())
                .build();
    }

    /** Runs one request; {@code admitted}: it presented the admin token, or none is set. */
    public Map<String, Object> execute(String document, String operationName, Map<String, Object> variables,
                                       boolean admitted) {
        ExecutionInput input = ExecutionInput.newExecutionInput(document).operationName(operationName)
                .variables(variables == null ? Map.of() : variables)
                .graphQLContext(Map.of(Admin.ADMITTED, admitted, ParserOptions.class, parserOptions))
                .build();
        ExecutionResult result = graphql.execute(input);
        return result.toSpecification();
    }

    private static String resource(String path) {
        try (InputStream in = QueryProtocol.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("schema file " + path + " is not on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Root fields of the protocol that Groundstation does not serve: an error naming the field, never a null. */
    private static final class NotImplemented implements WiringFactory {
        /** The fields wired to the domain, by type: graphql-java asks a wiring factory before them. */
        Map<String, Map<String, DataFetcher>> wired = Map.of();

        @Override
        public boolean providesDataFetcher(FieldWiringEnvironment environment) {
            String type = environment.getParentType().getName();
            return ROOTS.contains(type) && !wired.getOrDefault(type, Map.of())
                    .containsKey(environment.getFieldDefinition().getName());
        }

        @Override
        public DataFetcher<?> getDataFetcher(FieldWiringEnvironment environment) {
            String field = environment.getFieldDefinition().getName();
            return env -> {
                throw new QueryProblem(field + " is not implemented by Groundstation (it serves the profiling part"
                        + " of OAP's query protocol; see docs/graphql.md)");
            };
        }
    }

    /** A problem with the request is told as it is; anything else is logged and told as an internal error. */
    private static final class Errors implements DataFetcherExceptionHandler {
        @Override
        public CompletableFuture<DataFetcherExceptionHandlerResult> handleException(
                graphql.execution.DataFetcherExceptionHandlerParameters parameters) {
            Throwable e = parameters.getException();
            String message;
            if (e instanceof QueryProblem) {
                message = e.getMessage();
            } else {
                LOG.error("GraphQL field {} failed", parameters.getPath(), e);
                message = "internal error while fetching " + parameters.getPath() + "; see the server log";
            }
            return CompletableFuture.completedFuture(DataFetcherExceptionHandlerResult.newResult(
                    GraphqlErrorBuilder.newError().message(message).path(parameters.getPath())
                            .location(parameters.getSourceLocation()).build()).build());
        }
    }
}
