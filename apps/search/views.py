"""Search pages: one hub's (/<hub>/search/) and every hub's (/search/). Both work without
JavaScript: a GET form with the words, kinds as checkboxes and (site-wide) a hub."""

from typing import Any

from django.core.paginator import Page, Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from apps.hubs.models import Hub
from apps.hubs.selectors import hub_get
from apps.search import selectors
from apps.search.forms import SearchForm, SiteSearchForm
from apps.search.selectors import Hit

PAGE_SIZE = 20


def _results(request: HttpRequest, form: SearchForm, hub: Hub | None) -> dict[str, Any]:
    form.is_valid()  # what is valid is used; what is not shows its message on the form
    cleaned = getattr(form, "cleaned_data", {})
    q = (cleaned.get("q") or "").strip()
    kinds = cleaned.get("kind") or []
    results = selectors.search(q=q, user=request.user, hub=hub, kinds=kinds)
    page: Page[Hit] | None = None
    if q:
        page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("page"))  # type: ignore[arg-type]
    return {
        "form": form,
        "q": q,
        "kinds": kinds,
        "page": page,
        "hits": page.object_list if page else [],
        "more": bool(page and results.more),  # counted up to COUNT_CAP: "more than 1,000"
    }


def hub_search(request: HttpRequest, hub_slug: str) -> HttpResponse:
    hub = hub_get(slug=hub_slug)
    form = SearchForm(request.GET or None)
    context = _results(request, form, hub)
    return render(request, "search/search.html", {**context, "hub": hub, "site_wide": False})


def site_search(request: HttpRequest) -> HttpResponse:
    hubs = selectors.hub_choices()
    form = SiteSearchForm(request.GET or None, hubs=[(h.slug, h.name) for h in hubs])
    form.is_valid()
    slug = getattr(form, "cleaned_data", {}).get("hub")
    chosen = next((h for h in hubs if h.slug == slug), None)
    context = _results(request, form, chosen)
    return render(request, "search/search.html", {**context, "site_wide": True, "chosen_hub": chosen})
