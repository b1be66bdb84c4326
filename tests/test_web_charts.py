"""The catalog's cost × study time chart, the credential page's three-year cost chart, and retired
credentials in their place (issue 13, points 3 and 4), through the ASGI client.

The chart must tell the truth: one link per credential it can place (named in words), the
engine's own three-year figures, the catalog's filters; a sentence, not an empty chart, when
there is nothing to draw. Retired credentials leave the catalog page by default but never the
API or the CLI, and a retired credential's page leads to a plan that works."""

from __future__ import annotations

import re
from datetime import date
from html import unescape
from urllib.parse import urlsplit

import pytest
from fastapi.testclient import TestClient

from certwise.advice.money import three_year_cost
from certwise.catalog.browse import Filters, list_credentials, parse_filters
from certwise.web.app import create_app
from certwise.web.svg_charts import cost_rows, cost_time_chart, three_year_chart

TODAY = date(2026, 11, 25)
SORTS = ("tier", "name", "cost", "hours", "provider", "level")


@pytest.fixture
def client(catalog):
    with TestClient(create_app(catalog, store_url="sqlite://", as_of=TODAY)) as c:
        yield c


def chart_svg(html: str, layout: str = "wide") -> str:
    m = re.search(rf'<svg[^>]*class="cost-chart" data-layout="{layout}".*?</svg>', html, re.S)
    assert m, f"no {layout} cost chart on the page"
    return m.group(0)


def chart_links(svg: str) -> dict[str, str]:
    """``{credential id: accessible name}`` for each point of a chart (failing on a repeated id)."""
    out: dict[str, str] = {}
    for href, name in re.findall(r'<a href="([^"]+)" class="chart-point"[^>]*><title>([^<]*)</title>', svg):
        cid = urlsplit(unescape(href)).path.removeprefix("/credentials/")
        assert cid not in out, f"{cid} drawn twice"
        out[cid] = unescape(name)
    return out


def card_ids(html: str) -> list[str]:
    return re.findall(r'<li class="card[^"]*" data-id="([^"]+)"', html)


def priced(catalog, ids):
    return {i for i in ids if three_year_cost(catalog.get(i), TODAY)["total_usd"] is not None}


# --- the cost × study time chart ---------------------------------------------------------------

def test_the_chart_has_one_named_link_per_listed_credential_it_can_place(client, catalog):
    html = client.get("/catalog").text
    listed = card_ids(html)
    for layout in ("wide", "narrow"):
        links = chart_links(chart_svg(html, layout))
        assert set(links) == priced(catalog, listed)
        for cid, name in links.items():
            c = catalog.get(cid)
            assert name.startswith(f"{c.name} ({c.provider}):"), name
            assert "over 3 years" in name and "of study" in name
            assert "typical range" in name if c.prep.unknown else "typical range" not in name
    unpriced = set(listed) - priced(catalog, listed)
    assert unpriced, "the real catalog has credentials without a stated price"
    drawn_not = re.search(r'<details class="more chart-unpriced">.*?</details>', html, re.S)
    assert drawn_not and f"{len(unpriced)} not drawn: no source states their price" in drawn_not.group(0)
    for cid in unpriced:
        assert f'href="/credentials/{cid}"' in drawn_not.group(0)


def test_the_chart_speaks_in_words_and_dollars(client):
    svg = chart_svg(client.get("/catalog").text)
    assert "Study time (hours)" in svg and "Cost over 3 years (US dollars)" in svg
    assert ">$0<" in svg and ">$500<" in svg and ">100 h<" in svg
    assert "<title" in svg and "<desc" in svg and "<script" not in svg and "style=" not in svg
    for level in ("Foundational", "Associate", "Professional", "Specialty"):
        assert f">{level}<" in svg  # the legend
    assert "Hollow: study time estimated" in svg
    assert 'viewBox="0 0 960 ' in svg and 'width="100%"' in svg


@pytest.mark.parametrize("query", [
    {"provider": "NVIDIA"}, {"level": "professional"}, {"ecosystem": "aws"}, {"status": "retired"},
    {"q": "generative"}, {"max_cost": "150", "sort": "cost"}, {"kind": "learning-path"},
])
def test_the_chart_follows_the_catalogs_filters(client, catalog, query):
    for path in ("/catalog", "/catalog/chart"):
        html = client.get(path, params=query).text
        links = chart_links(chart_svg(html))
        filters, sort, errors = parse_filters(lambda name: [query[name]] if name in query else [])
        assert not errors
        expected = [c["id"] for c in list_credentials(catalog, TODAY, filters, sort)["credentials"]]
        if not filters.status and not filters.text:
            expected = [i for i in expected if catalog.get(i).status(TODAY) != "retired"]
        assert set(links) == priced(catalog, expected), (path, query)


def test_the_chart_page_links_back_to_the_list_with_the_same_filters_and_has_a_table(client):
    html = client.get("/catalog/chart", params={"provider": "NVIDIA", "level": "professional"}).text
    assert "<h1>Cost and study time</h1>" in html
    assert 'href="/catalog?provider=NVIDIA&amp;level=professional"' in html
    table = re.search(r"<table>.*?</table>", html, re.S).group(0)
    assert table.count("<tr>") - 1 == len(chart_links(chart_svg(html)))
    catalog_page = client.get("/catalog", params={"provider": "NVIDIA"}).text
    assert 'href="/catalog/chart?provider=NVIDIA"' in catalog_page


def test_nothing_to_draw_is_a_sentence_not_an_empty_chart(client):
    for path in ("/catalog/chart", "/catalog"):
        html = client.get(path, params={"q": "underwater basket weaving"}).text
        assert 'class="cost-chart"' not in html
    html = client.get("/catalog/chart", params={"q": "underwater basket weaving"}).text
    assert "No credential matches these filters, so there is nothing to draw." in html
    unpriced = client.get("/catalog/chart", params={"provider": "ISACA"}).text  # no source states their prices
    assert 'class="cost-chart"' not in unpriced
    assert "No source states a price for any of these 2 credentials, so there is nothing to draw." in unpriced


def test_the_chart_builder_escapes_spreads_and_marks_estimates():
    def point(i, **kw):
        return {"id": f"c{i}", "name": f"<b>N{i}</b> & co", "provider": 'P"', "level": "associate",
                "status": "active", "hours": {"low": 60, "high": 120}, "hours_estimated": False,
                "cost": {"low": 200, "high": 200}, "href": f"/credentials/c{i}?as_of=2026-11-25&x=1", **kw}

    pts = [point(i) for i in range(5)] + [point(9, hours_estimated=True, status="retired", level="program")]
    svg = str(cost_time_chart(pts, layout="narrow", id_prefix="t"))
    assert "<b>" not in svg and "&lt;b&gt;N0&lt;/b&gt; &amp; co" in svg and "P&#34;" in svg
    assert 'href="/credentials/c0?as_of=2026-11-25&amp;x=1"' in svg
    assert svg.count('class="chart-point"') == 6
    spots = re.findall(r'<(?:rect|polygon|circle)[^>]*class="mark"', svg)
    assert len(set(spots)) == 6, "marks on the same value are moved apart, each its own target"
    assert 'fill="#ffffff" stroke="#E69F00" stroke-width="2"' in svg  # hollow: study time estimated
    assert 'opacity="0.4"' in svg and "Faded: retired" in svg and "Program / certificate" in svg


# --- the three-year cost chart ------------------------------------------------------------------

def bars(html: str) -> list[tuple[str, float, float]]:
    svg = re.search(r'<svg[^>]*class="three-year-chart".*?</svg>', html, re.S)
    assert svg, "no three-year chart"
    return [(part, float(lo), float(hi)) for part, lo, hi in
            re.findall(r'data-part="(\w+)" data-usd-low="([\d.]+)" data-usd-high="([\d.]+)"', svg.group(0))]


@pytest.mark.parametrize("cid", ["aws-ml-engineer-associate", "google-ml-engineer", "google-genai-leader",
                                 "deeplearningai-deep-learning-specialization", "comptia-secai-plus",
                                 "nvidia-ncp-aii", "azure-ai-fundamentals", "aws-ml-specialty"])
def test_the_three_year_chart_draws_the_engines_figures(client, catalog, cid):
    three = three_year_cost(catalog.get(cid), TODAY)
    html = client.get(f"/credentials/{cid}").text
    drawn = bars(html)
    expected = []
    for row in cost_rows(three):
        if row["usd"] is not None:
            expected.append((row["part"], float(row["usd"]["low"]), float(row["usd"]["high"])))
    assert drawn == expected
    assert drawn[-1] == ("total", three["total_usd"]["low"], three["total_usd"]["high"])
    assert "What it costs over three years" in html
    svg = str(three_year_chart(three, name="X"))
    for row in cost_rows(three):
        assert unescape(row["label"]).split()[0] in unescape(svg)  # each row labelled in words


def test_renewals_past_retirement_read_as_one_row_left_out_of_the_total(client):
    html = client.get("/credentials/azure-ai-engineer").text
    svg = re.search(r'<svg[^>]*class="three-year-chart".*?</svg>', html, re.S).group(0)
    text = " ".join(re.findall(r">([^<>]+)<", re.sub(r"<(title|desc)[^>]*>.*?</\1>", "", svg)))
    assert "Years 1, 2 and" in text and "cannot be renewed" in text and "not in the total" in text
    assert "price not stated" not in svg and bars(html) == [("earn", 165, 165), ("total", 165, 165)]


def test_the_three_year_chart_says_so_when_there_is_nothing_to_draw(client):
    unknown = client.get("/credentials/azure-ai-apps-agents-developer").text
    assert 'class="three-year-chart"' not in unknown
    assert "No source states its price, so there is no three-year cost to draw." in unknown
    free = client.get("/credentials/kaggle-learn").text
    assert 'class="three-year-chart"' not in free and "Nothing to pay" in free


# --- retired credentials in their place ---------------------------------------------------------

def retired_ids(catalog):
    return {c.id for c in catalog if c.status(TODAY) == "retired"}


@pytest.mark.parametrize("sort", SORTS)
def test_the_catalog_hides_retired_credentials_by_default_under_every_sort(client, catalog, sort):
    gone = retired_ids(catalog)
    assert gone >= {"aws-ml-specialty", "azure-ai-engineer", "tensorflow-developer-certificate"}
    html = client.get("/catalog", params={"sort": sort}).text
    listed = card_ids(html)
    assert not gone & set(listed) and len(listed) == len(catalog) - len(gone)
    assert f"{len(gone)} retired credentials are hidden" in html
    assert 'id="show-retired"' in html and 'name="retired" type="checkbox" value="show"' in html
    assert not gone & set(chart_links(chart_svg(html)))


def test_the_toggle_shows_retired_credentials_dimmed_with_their_successors(client, catalog):
    html = client.get("/catalog", params={"retired": "show", "sort": "name"}).text
    assert set(card_ids(html)) == {c.id for c in catalog}
    assert 'name="retired" type="checkbox" value="show" checked' in html and 'id="hide-retired"' in html
    cards = {cid: cls for cls, cid in re.findall(r'<li class="card( retired)?" data-id="([^"]+)"', html)}
    for cid in retired_ids(catalog):
        assert cards[cid] == " retired"
        card = re.search(rf'<li class="card retired" data-id="{cid}">.*?</li>', html, re.S).group(0)
        successors = [s for s in catalog.get(cid).lifecycle.successors if catalog.get(s).is_live(TODAY)]
        if successors:
            for s in successors:
                assert f'href="/credentials/{s}">{catalog.get(s).name}</a>' in unescape(card)
            assert "Replaced by" in card
        else:
            assert "No successor named by its provider." in card
    aws = re.search(r'<li class="card retired" data-id="aws-ml-specialty">.*?</li>', html, re.S).group(0)
    assert "Replaced by" in aws and "/credentials/aws-ml-engineer-associate" in aws
    assert "/credentials/aws-genai-developer" in aws
    # the link in the count line keeps the other filters
    shown = client.get("/catalog", params={"provider": "Amazon Web Services"}).text
    assert 'href="/catalog?provider=Amazon+Web+Services&amp;retired=show"' in shown


def test_choosing_the_retired_status_or_searching_by_name_shows_them(client, catalog):
    html = client.get("/catalog", params={"status": "retired"}).text
    assert set(card_ids(html)) == retired_ids(catalog)
    hit = client.get("/catalog", params={"q": "AI-102"}).text
    assert card_ids(hit)[0] == "azure-ai-engineer"


def test_the_api_and_the_cli_still_list_every_credential(client, catalog, cli):
    api = client.get("/api/v1/credentials").json()
    assert api["count"] == len(catalog) and retired_ids(catalog) <= {c["id"] for c in api["credentials"]}
    listed = cli("list", "--json").json()
    assert listed["count"] == len(catalog) and retired_ids(catalog) <= {c["id"] for c in listed["credentials"]}


def test_a_retired_credential_offers_to_plan_its_successor_and_that_plan_renders(client, catalog):
    for cid in retired_ids(catalog):
        html = client.get(f"/credentials/{cid}").text
        assert "Plan my study for this" not in html
        plans = re.findall(r'href="(/plan\?[^"]*)"', html)
        assert all(f"ids={cid}" not in p for p in plans)
        live = [s for s in catalog.get(cid).lifecycle.successors if catalog.get(s).is_live(TODAY)]
        if not live:
            assert not plans and "its provider names no successor" in html
        for s in live:
            assert f"Plan its successor: {catalog.get(s).name}" in unescape(html)
            assert f"/plan?ids={s}" in plans
        for p in plans:
            r = client.get(unescape(p))
            assert r.status_code == 200, (cid, p, r.text[:300])
            assert "Please check" not in r.text and 'class="timeline-svg timeline-wide"' in r.text
    assert 'href="/catalog?ids=aws-ml-specialty"' in client.get("/credentials/aws-ml-specialty").text
    # ticked to compare (from its page, or compare's "Change the selection"): listed though retired
    ticked = client.get("/catalog", params=[("ids", "aws-ml-specialty"), ("ids", "google-ml-engineer")]).text
    assert "aws-ml-specialty" in card_ids(ticked) and "azure-ai-engineer" not in card_ids(ticked)
    assert 'id="cmp-aws-ml-specialty" name="ids" value="aws-ml-specialty" checked' in ticked


def test_a_closed_credential_says_who_can_register_before_its_plan(client, catalog):
    closed = [c for c in catalog if c.access != "public" and c.is_live(TODAY)]
    assert closed
    for c in closed:
        html = client.get(f"/credentials/{c.id}").text
        assert "Before you plan: Not open to individuals" in html
        r = client.get(f"/plan?ids={c.id}")
        assert r.status_code == 200 and "Please check" not in r.text


def test_list_credentials_is_unchanged_for_the_other_faces(catalog):
    everything = list_credentials(catalog, TODAY, Filters(), "tier")
    assert everything["count"] == len(catalog)


# --- the new pages as pages ----------------------------------------------------------------------

@pytest.mark.parametrize("path", [
    "/catalog/chart", "/catalog/chart?level=professional&as_of=2026-11-25", "/catalog?retired=show",
    "/catalog?status=retired", "/credentials/azure-ai-engineer", "/credentials/aws-ml-specialty",
    "/credentials/kaggle-learn", "/credentials/google-ml-engineer",
])
def test_the_pages_are_well_formed_and_speak_in_names(client, catalog, path):
    r = client.get(path)
    assert r.status_code == 200 and "default-src 'self'" in r.headers["content-security-policy"]
    html = r.text
    assert html.count("<h1") == 1 and " style=" not in html and "<script>" not in html
    ids = re.findall(r'\sid="([^"]+)"', html)
    assert len(ids) == len(set(ids)), "ids are unique (the two chart layouts have their own)"
    text = re.sub(r"<(script|style|head|title|desc)[^>]*>.*?</\1>", " ", html, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", text)
    assert not [i for i in catalog.ids() if re.search(rf"(?<![\w/-]){re.escape(i)}(?![\w-])", text)]
    assert not re.findall(r"certwise (?:recommend|evaluate|plan|roi|audit|portfolio|show|list|search|compare)\b", text)


def test_chart_links_keep_the_pages_date_and_odd_toggle_values_are_harmless(client):
    html = client.get("/catalog/chart", params={"as_of": "2026-11-25", "provider": "NVIDIA"}).text
    hrefs = re.findall(r'<a href="([^"]+)" class="chart-point"', html)
    assert hrefs and all(h.endswith("?as_of=2026-11-25") for h in hrefs)
    for odd in ("yes", "", "<b>", "show&retired=hide"):
        r = client.get("/catalog", params={"retired": odd})
        assert r.status_code == 200 and "retired credentials are hidden" in r.text


def test_one_hidden_retired_credential_is_counted_in_the_singular(client):
    html = client.get("/catalog", params={"provider": "Google"}).text
    assert "1 retired credential is hidden" in html
