"""Django admin, with foreign keys and many-to-many fields that take ids only.

Django admin re-renders an invalid form by looking up each autocomplete field's posted value
as an id, and checks many-to-many ids with one ``IN`` query: a value such as "abc", "²" or a
number beyond 64 bits crashes either one (a 500 on a forged POST). Every ModelAdmin registered
on this site takes those fields as ASCII ids (forticloud.web.listing), so such a POST is a
form error.
INSTALLED_APPS names PortalAdminConfig instead of "django.contrib.admin".
"""

from django.contrib import admin
from django.contrib.admin import widgets
from django.contrib.admin.apps import AdminConfig
from django.db import models

from .listing import ObjectChoiceField, ObjectMultipleChoiceField, parse_id


class _IdsOnly:
    def optgroups(self, name, value, attr=None):
        # The values rendered back are looked up as ids: drop those that are not ids (the
        # form shows its error for them).
        return super().optgroups(name, [v for v in value if parse_id(str(v)) is not None], attr)


class AutocompleteSelect(_IdsOnly, widgets.AutocompleteSelect):
    pass


class AutocompleteSelectMultiple(_IdsOnly, widgets.AutocompleteSelectMultiple):
    pass


class IdsOnlyAdminMixin:
    """Foreign keys and many-to-many fields to integer ids (forticloud.web.listing's fields)."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if isinstance(db_field.target_field, models.IntegerField):
            kwargs.setdefault("form_class", ObjectChoiceField)
            if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
                using = kwargs.get("using")
                kwargs["widget"] = AutocompleteSelect(db_field, self.admin_site, using=using)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if isinstance(db_field.remote_field.model._meta.pk, models.IntegerField):
            kwargs.setdefault("form_class", ObjectMultipleChoiceField)
            if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
                using = kwargs.get("using")
                kwargs["widget"] = AutocompleteSelectMultiple(
                    db_field, self.admin_site, using=using
                )
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class PortalAdminSite(admin.AdminSite):
    """The default admin site: every ModelAdmin registered gets IdsOnlyAdminMixin, Django's
    own (auth's Group) included."""

    def register(self, model_or_iterable, admin_class=None, **options):
        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, IdsOnlyAdminMixin):
            admin_class = type(
                admin_class.__name__,
                (IdsOnlyAdminMixin, admin_class),
                {"__module__": admin_class.__module__},
            )
        super().register(model_or_iterable, admin_class, **options)


class PortalAdminConfig(AdminConfig):
    default_site = "forticloud.web.admin_site.PortalAdminSite"
