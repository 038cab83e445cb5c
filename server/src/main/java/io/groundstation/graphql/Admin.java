package io.groundstation.graphql;

import graphql.schema.DataFetchingEnvironment;
import io.groundstation.log.ThrottledLog;
import org.slf4j.LoggerFactory;

/** Whether the request presented the admin token, as the HTTP layer found it; mutations need it when one is set. */
final class Admin {

    static final String ADMITTED = "groundstation.admin";
    /** Like the JSON API's refusals: logged so operators see them, without what was presented, every 10 s at most. */
    private static final ThrottledLog REFUSALS = new ThrottledLog(LoggerFactory.getLogger(Admin.class), 10_000);

    private Admin() {
    }

    static void require(DataFetchingEnvironment env) {
        if (!Boolean.TRUE.equals(env.getGraphQlContext().get(ADMITTED))) {
            REFUSALS.warn("refused GraphQL mutation {}: no or wrong admin token", env.getField().getName());
            throw new QueryProblem(env.getField().getName() + " changes the server and needs the admin token:"
                    + " 'Authorization: Bearer <token>', or HTTP Basic with the token as password");
        }
    }
}
