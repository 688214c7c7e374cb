"""A Content-Security-Policy on every response, strict on the public site, and pages that
run under it without a single violation in a real browser."""

import pytest
from django.contrib.auth.models import User

from dateline.newsroom.tests.factories import article_for_test, edition_tree

pytestmark = pytest.mark.django_db

CSP = "Content-Security-Policy"


def directives(header: str) -> dict[str, list[str]]:
    parts = (part.strip().split() for part in header.split(";") if part.strip())
    return {name: values for name, *values in parts}


def test_every_kind_of_response_carries_the_policy(client):
    article = article_for_test(edition_tree().sections["en-russia"])
    for url in (
        "/en/",
        article.url,
        "/en/feeds/rss/",
        "/sitemap.xml",
        "/api/ninjs/items/",  # 401 without a key
        "/en/no-such-page/",
        "/admin/login/",
    ):
        response = client.get(url)
        assert CSP in response, url
    public = directives(client.get(article.url)[CSP])
    assert public["script-src"] == ["'self'"]  # no inline script, no other origin
    assert public["style-src"] == ["'self'"]
    assert public["object-src"] == ["'none'"]
    admin = directives(client.get("/admin/login/")[CSP])
    assert "'unsafe-inline'" in admin["script-src"]  # Wagtail's own inline scripts


@pytest.mark.browser
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_pages_and_the_admin_run_without_violations(asgi_server, chromium):
    tree = edition_tree()
    article = article_for_test(tree.sections["en-russia"], title="Under the policy")
    User.objects.create_superuser("admin", "admin@example.org", "pw")
    page = chromium.new_page()
    page.add_init_script(
        "window.violations = [];"
        "document.addEventListener('securitypolicyviolation',"
        " e => window.violations.push(e.violatedDirective + ' ' + e.blockedURI));"
    )
    for url in ("/en/", article.url, "/en/mediabank/"):
        page.goto(f"{asgi_server}{url}")
        page.wait_for_load_state("networkidle")
        assert page.evaluate("window.violations") == [], url
    page.goto(f"{asgi_server}/admin/login/")
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", "pw")
    page.click("button[type=submit]")
    page.goto(f"{asgi_server}/admin/pages/{article.id}/edit/")
    page.wait_for_load_state("networkidle")
    assert page.locator("input[name=title]").input_value() == "Under the policy"
    assert page.evaluate("window.violations") == []
    page.close()
