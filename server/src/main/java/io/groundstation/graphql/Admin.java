package io.groundstation.graphql;

import graphql.schema.DataFetchingEnvironment;

/** Whether the request presented the admin token, as the HTTP layer found it; mutations need it when one is set. */
final class Admin {

    static final String ADMITTED = "groundstation.admin";

    private Admin() {
    }

    static void require(DataFetchingEnvironment env) {
        if (!Boolean.TRUE.equals(env.getGraphQlContext().get(ADMITTED))) {
            throw new QueryProblem(env.getField().getName() + " changes the server and needs the admin token:"
                    + " 'Authorization: Bearer <token>', or HTTP Basic with the token as password");
        }
    }
}
