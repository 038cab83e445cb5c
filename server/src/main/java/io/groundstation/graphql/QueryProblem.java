package io.groundstation.graphql;

/** A request the API cannot answer as asked: its message goes to the client as a GraphQL error. */
final class QueryProblem extends RuntimeException {

    QueryProblem(String message) {
        super(message);
    }
}
