"""The OpenAPI contract's error answers: every operation may answer 400, 401, 404 and 429 with
the one error shape (forticloud.web.api.error_response), so a client and schemathesis know
them (a drf-spectacular postprocessing hook)."""

ERROR = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {
            "type": "object",
            "required": ["status", "code", "message"],
            "properties": {
                "status": {"type": "integer"},
                "code": {"type": "string"},
                "message": {"type": "string"},
                "fields": {
                    "type": "object",
                    "additionalProperties": {"type": "array", "items": {"type": "string"}},
                },
            },
        }
    },
}
ERRORS = {
    "400": "Invalid input (``fields`` names it), or a refusal of the change",
    "401": "No live bearer token of an active API user",
    "404": "Not found: a missing object, one outside the API user's access, or a portal or "
    "level its profile lacks (the same answer)",
    "429": "Beyond the API user's rate limit; Retry-After says when to try again",
}


def add_error_responses(result, generator, request, public):
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR
    error = {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}
    for path in result.get("paths", {}).values():
        for operation in path.values():
            for status, description in ERRORS.items():
                answer = {"description": description, "content": error}
                operation["responses"].setdefault(status, answer)
    return result
