"""Posting the admin's change form as a browser would, for tests that edit through it."""

from __future__ import annotations


def save_every_certification_unchanged(client) -> None:
    """Open each certification's change form and save it as it is, as an editor would.

    The form is opened by calling the admin's view and rendering its page directly: the test
    client copies the template context at every one of the admin's few thousand template
    renders, which made opening 67 forms take most of a minute. The save goes through the
    whole stack, as the browser's post does."""
    from django.contrib import admin
    from django.contrib.auth import get_user_model
    from django.test import RequestFactory
    from django.urls import reverse

    from certifications.models import Certification

    model_admin = admin.site._registry[Certification]
    editor = get_user_model().objects.get(pk=client.session["_auth_user_id"])
    for cert in Certification.objects.all():
        url = reverse("admin:certifications_certification_change", args=[cert.pk])
        request = RequestFactory().get(url)
        request.user = editor
        page = model_admin.change_view(request, str(cert.pk))
        page.render()  # every shape of value renders in the form
        assert page.status_code == 200, cert.slug
        response = client.post(url, change_form_data(page))
        assert response.status_code == 302, cert.slug


def change_form_data(response) -> dict:
    """What the browser would post back for an unchanged admin change form, inlines included
    (`response` from the test client, or the admin view's own TemplateResponse)."""
    data: dict = {}
    context = getattr(response, "context_data", None) or response.context
    form = context["adminform"].form
    for name, field in form.fields.items():
        value = form[name].value()
        _put(data, form.add_prefix(name), field, value)
        if field.show_hidden_initial:  # the hidden `initial-…` input the page carries
            data[form.add_initial_prefix(name)] = field.prepare_value(form[name].initial)
    for inline in context["inline_admin_formsets"]:
        formset = inline.formset
        for key, value in formset.management_form.initial.items():
            data[f"{formset.prefix}-{key}"] = value
        for subform in formset.forms:
            for name, field in subform.fields.items():
                _put(data, subform.add_prefix(name), field, subform[name].value())
    return data


def _put(data: dict, key: str, field, value) -> None:
    if value is None:
        data[key] = ""
    elif isinstance(value, bool):
        if value:
            data[key] = "on"
    elif isinstance(value, list | tuple):
        data[key] = list(value)
    elif hasattr(field, "prepare_value") and not isinstance(value, str | int | float):
        data[key] = field.prepare_value(value)
    else:
        data[key] = value


def admin_edit(client, slug: str, **changes) -> None:
    """Change a certification through its admin form, as an editor would, and save."""
    from django.urls import reverse

    from certifications.models import Certification

    obj = Certification.objects.get(slug=slug)
    url = reverse("admin:certifications_certification_change", args=[obj.pk])
    response = client.post(url, change_form_data(client.get(url)) | changes)
    assert response.status_code == 302, response.context["adminform"].form.errors
