from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def context_url(context, name, **kwargs):
    """``{% context_url "dashboard" %}``: the URL of ``name`` inside the current context."""
    return context["access"].reverse(name, **kwargs)


@register.simple_tag(takes_context=True)
def sort_query(context, key):
    """The current URL sorted by ``key``, or by ``-key`` when already sorted by ``key``."""
    query = context["request"].GET.copy()
    query["sort"] = f"-{key}" if query.get("sort") == key else key
    query.pop("page", None)
    return f"?{query.urlencode()}"


@register.simple_tag(takes_context=True)
def page_query(context, number):
    query = context["request"].GET.copy()
    query["page"] = number
    return f"?{query.urlencode()}"


@register.filter
def get_item(mapping, key):
    return (mapping or {}).get(key, "")


@register.filter
def startswith(text, prefix):
    return str(text).startswith(str(prefix))
