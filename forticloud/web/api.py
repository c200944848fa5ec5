"""What every endpoint of the REST API shares: one shape of error, and the list endpoint over
a list page's declaration (forticloud.web.lists.ListPage), so an API list has exactly the
page's filters, sort and keyset cursor, and the same rows."""

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils import timezone
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import exceptions
from rest_framework import serializers as drf_serializers
from rest_framework.response import Response
from rest_framework.views import APIView, exception_handler

from .lists import KEYSET, ListState, list_page


def request_body(request):
    """The request's body as a form's data (a copy the caller may add to): a JSON object or
    form fields; anything else (a JSON list, a number) is a 400."""
    data = request.data
    if not hasattr(data, "get"):
        raise exceptions.ParseError("The body must be a JSON object.")
    return data.copy()


def results_of(serializer, name: str):
    """The answer of a list endpoint: ``results``, and ``next``, the URL of the page after
    (null on the last page)."""
    return inline_serializer(
        name=name,
        fields={
            "results": serializer(many=True),
            "next": drf_serializers.URLField(allow_null=True),
        },
    )


def whole_list(rows, serializer) -> Response:
    """A short list answered whole (what an account keeps by the dozen: folders, groups,
    profiles), in a list endpoint's shape: ``next`` is null."""
    return Response({"results": serializer(rows, many=True).data, "next": None})


def valid_form(form):
    """``form`` (a page's form, bound to the request's data) if valid, else a 400 naming the
    fields: the API validates input as the page does."""
    if not form.is_valid():
        raise exceptions.ValidationError(
            {
                field: [str(message) for message in messages]
                for field, messages in form.errors.items()
            }
        )
    return form


def error_response(exc, context):
    """Every error as ``{"error": {"status": 404, "code": "not_found", "message": "…"}}``
    (with ``fields`` for invalid input). Django's 404 and 403 come through DRF's handler; a
    service's refusal (Django's ValidationError) is a 400 with its message."""
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError({"non_field_errors": exc.messages})
    response = exception_handler(exc, context)
    if response is None:
        return None
    data = response.data
    # A 404 says nothing more (not which model, nor whether the id exists elsewhere).
    message = "Not found." if response.status_code == 404 else _message(data)
    error = {"status": response.status_code, "code": _code(exc), "message": message}
    if isinstance(exc, exceptions.ValidationError) and isinstance(data, dict):
        error["fields"] = data
    response.data = {"error": error}
    return response


def _code(exc) -> str:
    if isinstance(exc, exceptions.APIException):
        return exc.default_code
    return "not_found" if getattr(exc, "status_code", 404) == 404 else "error"


def _message(data) -> str:
    if isinstance(data, dict) and "detail" in data:
        return str(data["detail"])
    if isinstance(data, dict) and list(data) == ["non_field_errors"]:
        return " ".join(str(message) for message in data["non_field_errors"])
    return "Invalid input." if isinstance(data, dict | list) else str(data)


class ListEndpoint(APIView):
    """GET: one page of ``declaration``'s rows for ``request.access``, as the page filters and
    sorts them (its query parameters), ``next`` the URL of the page after (a keyset cursor,
    ``after``, or the page number, ``page``, as the list pages), or null on the last page. A
    list the access may not see is a 404."""

    declaration = None  # the ListPage
    serializer_class = None

    def get(self, request):
        declaration = self.declaration
        if not declaration.allowed(request.access):
            raise exceptions.NotFound()
        rows = declaration.rows(request.access)
        state = ListState.of(request, declaration, rows, query=request.query_params)
        rows, next_query = _page(declaration, state, request.access)
        next_url = None
        if next_query:
            next_url = request.build_absolute_uri(f"{request.path}?{next_query}")
        # One day for every row (days to expiration): the clock read per row was 0.1 ms of 26.
        serializer = self.serializer_class(rows, many=True, context={"today": timezone.localdate()})
        return Response({"results": serializer.data, "next": next_url})


def _page(declaration, state, access) -> tuple[list, str]:
    """The rows of the page ``state`` asks for, and the query of the next page ("": none)."""
    page = list_page(declaration, state, access=access)
    if declaration.paging == KEYSET:
        next_query = state.query(after=page.next_after, page="") if page.next_after else ""
    else:
        next_query = state.query(page=page.next_page_number()) if page.has_next() else ""
    return page.object_list, next_query


def list_schema(declaration, serializer, prefix=""):
    """The OpenAPI description of a ListEndpoint: the page's filters, ``sort`` (a key, "-" for
    descending) and ``after`` as query parameters; ``results`` and ``next`` as the answer.
    ``prefix`` tells apart the operation of another context (the partner's) over the list."""
    sorts = [f"{prefix}{key}" for key in declaration.table.sorts for prefix in ("", "-")]
    parameters = [
        OpenApiParameter(name, str, description=f"Filter {name}, as on the page.")
        for name in declaration.filterset.base_filters
    ]
    parameters.append(OpenApiParameter("sort", str, enum=sorts, description="Default: the page's."))
    if declaration.paging == KEYSET:
        parameters.append(OpenApiParameter("after", str, description="The next page's cursor."))
    else:
        parameters.append(OpenApiParameter("page", int, description="The page number (from 1)."))
    words = [*prefix.split("_"), *declaration.title.split(), "Page"]
    page = results_of(serializer, "".join(word.capitalize() for word in words))
    schema = extend_schema(
        operation_id=prefix + declaration.name.replace(":", "_"),
        parameters=parameters,
        responses={200: page},
    )

    def describe(endpoint):
        def get(self, request):  # the endpoint's own GET, which the description belongs to
            return ListEndpoint.get(self, request)

        endpoint.get = schema(get)
        return endpoint

    return describe
