package io.groundstation.http;

import io.javalin.http.HandlerType;
import io.javalin.router.Endpoint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The OpenAPI 3.0 document of the JSON API, generated from the routes the server holds, so it lists exactly what
 * answers: every path under {@code /api} with its methods and path parameters, JSON bodies on changes, the admin
 * token where it applies, and the one error shape. Bodies are not described field by field (README has them).
 */
final class OpenApiDocument {

    static final String PATH = "/api/openapi.json";
    private static final Pattern PARAMETER = Pattern.compile("\\{([^}/]+)}|<([^>/]+)>");

    private OpenApiDocument() {
    }

    static Map<String, Object> of(List<Endpoint> endpoints, boolean adminToken) {
        Map<String, Map<String, Object>> paths = new TreeMap<>();
        for (Endpoint endpoint : endpoints) {
            if (!endpoint.getPath().startsWith("/api/") || endpoint.getPath().equals(PATH)
                    || endpoint.getPath().startsWith(ApiDocs.PATH) || !documented(endpoint.getMethod())) {
                continue;
            }
            Matcher parameter = PARAMETER.matcher(endpoint.getPath());
            List<String> names = new ArrayList<>();
            StringBuilder path = new StringBuilder();
            while (parameter.find()) {
                String name = parameter.group(1) != null ? parameter.group(1) : parameter.group(2);
                names.add(name);
                parameter.appendReplacement(path, Matcher.quoteReplacement("{" + name + "}"));
            }
            parameter.appendTail(path);
            paths.computeIfAbsent(path.toString(), p -> new TreeMap<>())
                    .put(endpoint.getMethod().name().toLowerCase(Locale.ROOT),
                            operation(endpoint, names, adminToken));
        }
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("openapi", "3.0.3");
        document.put("info", Map.of("title", "Groundstation API", "version", version(),
                "description", "The operator API of Groundstation (README.md, 'HTTP API'). Changes need"
                        + " 'Content-Type: application/json'."));
        document.put("paths", paths);
        Map<String, Object> components = new LinkedHashMap<>();
        components.put("schemas", Map.of("Error", Map.of("type", "object", "required", List.of("error"),
                "properties", Map.of("error", Map.of("type", "string"),
                        "problems", Map.of("type", "array", "items", Map.of("type", "string"))))));
        components.put("responses", Map.of("Error", Map.of("description", "the request was refused or failed",
                "content", json(Map.of("$ref", "#/components/schemas/Error")))));
        if (adminToken) {
            components.put("securitySchemes", Map.of("adminToken", Map.of("type", "http", "scheme", "bearer")));
        }
        document.put("components", components);
        return document;
    }

    private static boolean documented(HandlerType method) {
        return method == HandlerType.GET || method == HandlerType.POST || method == HandlerType.PUT
                || method == HandlerType.DELETE || method == HandlerType.PATCH;
    }

    private static Map<String, Object> operation(Endpoint endpoint, List<String> parameters, boolean adminToken) {
        Map<String, Object> operation = new LinkedHashMap<>();
        operation.put("operationId", operationId(endpoint.getMethod(), endpoint.getPath()));
        operation.put("tags", List.of(endpoint.getPath().split("/")[2]));
        if (!parameters.isEmpty()) {
            operation.put("parameters", parameters.stream().map(name -> Map.of("name", name, "in", "path",
                    "required", true, "schema", Map.of("type", "string"))).toList());
        }
        boolean change = endpoint.getMethod() != HandlerType.GET;
        if (endpoint.getMethod() == HandlerType.PUT || endpoint.getMethod() == HandlerType.POST
                || endpoint.getMethod() == HandlerType.PATCH) {
            operation.put("requestBody", Map.of("required", false,
                    "content", json(Map.of("type", "object"))));
        }
        if ((change || endpoint.getRoles().contains(AdminRead.REQUIRED)) && adminToken) {
            operation.put("security", List.of(Map.of("adminToken", List.of())));
        }
        Map<String, Object> responses = new LinkedHashMap<>();
        responses.put("2XX", Map.of("description", "success"));
        responses.put("4XX", Map.of("$ref", "#/components/responses/Error"));
        responses.put("5XX", Map.of("$ref", "#/components/responses/Error"));
        operation.put("responses", responses);
        return operation;
    }

    /** get /api/processes/{id}/metrics → getProcessesByIdMetrics */
    private static String operationId(HandlerType method, String path) {
        StringBuilder id = new StringBuilder(method.name().toLowerCase(Locale.ROOT));
        for (String segment : path.substring("/api/".length()).split("/")) {
            Matcher parameter = PARAMETER.matcher(segment);
            String word = parameter.matches() ? "By" + capitalize(parameter.group(1) != null ? parameter.group(1)
                    : parameter.group(2)) : segment;
            for (String part : word.split("[^A-Za-z0-9]+")) {
                id.append(capitalize(part));
            }
        }
        return id.toString();
    }

    private static String capitalize(String word) {
        return word.isEmpty() ? word : Character.toUpperCase(word.charAt(0)) + word.substring(1);
    }

    private static Map<String, Object> json(Map<String, Object> schema) {
        return Map.of("application/json", Map.of("schema", schema));
    }

    private static String version() {
        String version = OpenApiDocument.class.getPackage().getImplementationVersion();
        return version == null ? "development" : version;
    }
}
