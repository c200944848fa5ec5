from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def context_url(context, name, **kwargs):
    """``{% context_url "dashboard" %}``: the URL of ``name`` inside the current context."""
    return context["access"].reverse(name, **kwargs)
