"""Pictures that fit and tell the truth (issue 13, point 3), without a browser: the roadmap is
laid out inside its column at desktop and phone widths with a legend of what it draws, the
timeline's legend lists exactly the marks drawn and its last month label stays inside, and the
stacks page draws every stack by name with links and a list of the same steps.
(tests/test_browser_pictures.py measures the same in Chromium.)"""

from __future__ import annotations

import re
from datetime import date
from xml.etree import ElementTree as ET

import pytest
from fastapi.testclient import TestClient

from certwise.advice.stacks import STACK_NAMES, STACK_TITLES
from certwise.catalog.browse import credential_summary
from certwise.web.app import create_app
from certwise.web.stacks_view import stacks_page_data, step_view
from certwise.web.svg import MEDIUM, NARROW, WIDE, roadmap_svg, stack_svg, timeline_pictures, timeline_svg
from certwise.web.svg_kit import DOMAIN_COLORS, RETIRED_FILL, text_width
from certwise.web.svg_timeline import NARROW as TL_NARROW
from certwise.web.svg_timeline import WIDE as TL_WIDE

TODAY = date(2026, 11, 25)
NS = "{http://www.w3.org/2000/svg}"
PLAN = "/plan?ids=aws-ai-practitioner&ids=aws-genai-developer&ids=google-ml-engineer&start=2026-11-25&hours_per_week=5"


@pytest.fixture
def client(catalog):
    with TestClient(create_app(catalog, store_url="sqlite://", as_of=TODAY)) as c:
        yield c


def _svgs(html: str) -> list[ET.Element]:
    return [ET.fromstring(m) for m in re.findall(r"<svg.*?</svg>", html, flags=re.S)]


def _classes(el: ET.Element) -> set[str]:
    return set((el.get("class") or "").split())


def _text(el: ET.Element) -> str:
    return "".join(el.itertext())


# --- the roadmap ------------------------------------------------------------------------------

@pytest.mark.parametrize("layout", [WIDE, MEDIUM, NARROW], ids=["desktop", "tablet", "phone"])
def test_the_roadmap_is_drawn_within_its_column(catalog, layout):
    creds = [credential_summary(c, TODAY) for c in catalog]
    root = ET.fromstring(str(roadmap_svg(creds, as_of=TODAY, layout=layout)))
    assert float(root.get("width")) == layout.width and root.get("viewBox").split()[2] == f"{layout.width:g}"
    assert len(root.findall(f".//{NS}a")) == len(creds)  # every credential, one box each
    for rect in root.iter(f"{NS}rect"):
        assert float(rect.get("x")) >= 0 and float(rect.get("x")) + float(rect.get("width")) <= layout.width + 0.01
    for entry in root.iter(f"{NS}g"):
        if "rm-legend-entry" in _classes(entry):
            text = entry.find(f"{NS}text")
            assert float(text.get("x")) + text_width(_text(text), 11) <= layout.width


def test_the_roadmap_legend_lists_every_colour_it_draws_and_no_other(catalog):
    creds = [credential_summary(c, TODAY) for c in catalog]
    for layout in (WIDE, MEDIUM, NARROW):
        root = ET.fromstring(str(roadmap_svg(creds, as_of=TODAY, layout=layout)))
        box_fills = {a.find(f"{NS}rect").get("fill") for a in root.iter(f"{NS}a")}
        entries = [e for e in root.iter(f"{NS}g") if "rm-legend-entry" in _classes(e)]
        legend = {e.find(f"{NS}rect").get("fill"): _text(e) for e in entries}
        assert set(legend) == box_fills
        assert legend[RETIRED_FILL].startswith("Retired") and legend[DOMAIN_COLORS["generative-ai"]] == "Generative AI"
        assert len(entries) == len(legend)  # no colour twice


def test_the_roadmap_page_has_a_drawing_for_desktop_tablet_and_phone(client, catalog):
    r = client.get("/roadmap")
    assert r.status_code == 200
    svgs = _svgs(r.text)
    kinds = [c for s in svgs for c in _classes(s) if c.startswith("roadmap-") and c != "roadmap-svg"]
    assert kinds == ["roadmap-wide", "roadmap-medium", "roadmap-narrow"]
    ids = re.findall(r'(?<![\w-])id="([^"]+)"', r.text)
    assert len(ids) == len(set(ids))  # three drawings, no id twice
    assert 'class="svg-scroll"' not in r.text.split('id="rm-text"')[0]  # nothing to scroll sideways
    download = client.get("/roadmap.svg")
    assert download.status_code == 200 and download.headers["content-type"].startswith("image/svg+xml")
    root = ET.fromstring(download.text.split("\n", 1)[1])
    assert "roadmap-wide" in _classes(root) and len(root.findall(f".//{NS}a")) == len(catalog)


# --- the timeline -----------------------------------------------------------------------------

def _marks(root: ET.Element) -> tuple[set[str], set[str]]:
    drawn = {e.get("data-mark") for e in root.iter() if "tl-mark" in _classes(e)}
    legend = {e.get("data-mark") for e in root.iter() if "tl-legend-entry" in _classes(e)}
    return drawn, legend


@pytest.mark.parametrize("milestones,expected", [
    ([{"week": 1, "topic": "Intro", "project": None}, {"week": 3, "topic": "Build", "project": "A bot"}],
     {"bar", "dot", "square", "diamond"}),
    ([{"week": 2, "topic": "Build", "project": "A bot"}], {"bar", "square", "diamond"}),  # what real plans have
    ([{"week": 2, "topic": "Read", "project": None}], {"bar", "dot", "diamond"}),
    ([], {"bar", "diamond"}),
])
def test_the_timeline_legend_lists_exactly_the_marks_drawn(milestones, expected):
    plan = {"items": [{"id": "x", "name": "X", "study_start": "2026-12-07", "exam_date": "2027-03-01",
                       "milestones": milestones}]}
    for layout in (TL_WIDE, TL_NARROW):
        drawn, legend = _marks(ET.fromstring(str(timeline_svg(plan, layout=layout))))
        assert drawn == legend == expected


def test_the_real_plan_draws_what_its_legend_says(client):
    html = client.get(PLAN).text
    svgs = [s for s in _svgs(html) if "timeline-svg" in _classes(s)]
    assert [c for s in svgs for c in _classes(s) if c.startswith("timeline-") and c != "timeline-svg"] == \
        ["timeline-wide", "timeline-narrow"]
    for root in svgs:
        drawn, legend = _marks(root)
        assert drawn == legend and {"bar", "diamond"} <= drawn
        words = " ".join(_text(e) for e in root.iter() if "tl-legend-entry" in _classes(e))
        assert ("weekly milestone" in words) == ("dot" in drawn)
    ids = re.findall(r'(?<![\w-])id="([^"]+)"', html)
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("exam", ["2027-03-01", "2027-03-27", "2027-12-31"])
def test_the_last_month_label_is_inside_the_drawing(exam):
    plan = {"items": [{"id": "x", "name": "X", "study_start": "2026-12-07", "exam_date": exam, "milestones": []}]}
    for layout in (TL_WIDE, TL_NARROW):
        root = ET.fromstring(str(timeline_svg(plan, layout=layout)))
        months = [t for t in root.iter(f"{NS}text") if "tl-month" in _classes(t)]
        assert months
        for t in months:
            longest = max(len(s.text or "") for s in t.iter(f"{NS}tspan"))
            assert float(t.get("x")) + text_width("M" * longest, 11) <= layout.width
        for t in root.iter(f"{NS}text"):
            if "tl-exam-label" in _classes(t):
                assert float(t.get("x")) >= 0 and float(t.get("x")) + text_width(_text(t), 10) <= layout.width


def test_the_phone_timeline_fits_a_phone():
    plan = {"items": [{"id": "x", "name": "A credential with a long name that must wrap onto two lines",
                       "study_start": "2026-12-07", "exam_date": "2028-05-01", "milestones": []}]}
    root = ET.fromstring(str(timeline_svg(plan, layout=TL_NARROW)))
    assert float(root.get("width")) <= 358
    pair = str(timeline_pictures(plan))
    assert pair.count("<svg") == 2 and 'id="tl-wide-title"' in pair and 'id="tl-narrow-title"' in pair
    assert timeline_pictures({"items": []}) == ""


# --- the stacks -------------------------------------------------------------------------------

def test_the_stacks_page_draws_every_stack_by_name_with_links(client, catalog):
    r = client.get("/stacks")
    assert r.status_code == 200
    html = r.text
    svgs = [s for s in _svgs(html) if "stack-svg" in _classes(s)]
    assert len(svgs) == len(STACK_NAMES)
    for name, root in zip(STACK_NAMES, svgs, strict=True):
        assert STACK_TITLES[name] in html
        assert root.get("role") == "img" and _text(root.find(f"{NS}title")) == STACK_TITLES[name]
        assert root.get("aria-labelledby") == f"stack-{name}-title stack-{name}-desc"
        steps = [a for a in root.iter(f"{NS}a") if "st-step" in _classes(a)]
        for a in root.iter(f"{NS}a"):
            ident = a.get("href").removeprefix("/credentials/")
            assert _text(a.find(f"{NS}title")) == catalog.get(ident).name  # the box says the name
        arrows = [g for g in root.iter(f"{NS}g") if "st-arrow" in _classes(g)]
        view = next(s for s in stacks_page_data(catalog, TODAY) if s["name"] == name)["view"]
        assert len(arrows) == len(view) - 1 and len(steps) == sum(st["kind"] == "credential" for st in view)
        for rect in root.iter(f"{NS}rect"):
            assert float(rect.get("x")) + float(rect.get("width")) <= float(root.get("width"))
    # the text list: every credential on the page is a link to its page, by name
    listed = re.findall(r'<ol class="stack-list">(.*?)</ol>', html, flags=re.S)
    assert len(listed) == len(STACK_NAMES)
    for block in listed:
        for ident, text in re.findall(r'<a href="/credentials/([^"?]+)[^"]*">(?:<strong>)?([^<]+)', block):
            assert text == catalog.get(ident).name
    assert 'href="/credentials/google-ml-engineer"' in listed[0] and 'href="/credentials/kaggle-learn"' in listed[0]


def test_the_stacks_page_speaks_in_names_and_is_in_the_navigation(client, catalog):
    html = client.get("/stacks").text
    assert '<a href="/stacks" aria-current="page">Stacks</a>' in html
    text = re.sub(r"<(script|style|head|title|desc)[^>]*>.*?</\1>", " ", html, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", text)
    assert [i for i in catalog.ids() if re.search(rf"(?<![\w/-]){re.escape(i)}(?![\w-])", text)] == []


def test_the_results_link_to_the_stacks_page_with_the_path_built_for_them(client, catalog):
    results = client.get("/results", params={"role": "developer", "cloud": "aws", "years_experience": "4"}).text
    link = re.search(r'<a href="(/stacks\?[^"]+)">', results).group(1).replace("&amp;", "&")
    assert "role=developer" in link and "cloud=aws" in link
    r = client.get(link)
    assert r.status_code == 200
    svgs = [s for s in _svgs(r.text) if "stack-svg" in _classes(s)]
    assert len(svgs) == len(STACK_NAMES) + 1 and _text(svgs[0].find(f"{NS}title")) == STACK_TITLES["profile"]
    mine = [a.get("href").removeprefix("/credentials/") for a in svgs[0].iter(f"{NS}a")]
    assert mine and all(catalog.get(i).status(TODAY) != "retired" for i in mine)
    text = re.sub(r"<[^>]+>", " ", re.sub(r"<(head|title|desc)[^>]*>.*?</\1>", " ", r.text, flags=re.S))
    assert [i for i in catalog.ids() if re.search(rf"(?<![\w/-]){re.escape(i)}(?![\w-])", text)] == []


def test_a_bad_answer_in_the_stacks_link_is_named_and_the_guide_stacks_still_show(client):
    r = client.get("/stacks", params={"years_experience": "-3"})
    assert r.status_code == 400
    assert "How many years have you worked in tech or data?" in r.text and 'role="alert"' in r.text
    assert r.text.count('class="stack-svg"') == len(STACK_NAMES)


@pytest.mark.parametrize("as_of", [date(2026, 1, 15), TODAY, date(2027, 6, 1)])
def test_no_retired_credential_is_offered_as_a_step(client, catalog, as_of):
    html = client.get("/stacks", params={"as_of": as_of.isoformat()}).text
    linked = set(re.findall(r'href="/credentials/([^"?]+)', html))
    assert linked and not [i for i in linked if catalog.get(i).status(as_of) == "retired"]
    if as_of < date(2026, 3, 31):  # before it retired, the guide's AWS alternative is itself
        assert "aws-ml-specialty" in linked
    else:
        assert "aws-ml-specialty" not in linked and "aws-ml-engineer-associate" in linked


def test_a_retired_credential_in_a_step_becomes_a_note_or_disappears(catalog):
    gone = step_view({"id": "tensorflow-developer-certificate", "why": "w"}, catalog, TODAY)
    assert gone["kind"] == "gone" and "TensorFlow" in gone["label"] and "ref" not in gone
    unplaced = step_view({"label": "tensorflow-developer-certificate", "why": "w"}, catalog, TODAY)
    assert unplaced["kind"] == "gone" and "tensorflow-developer-certificate" not in unplaced["label"]
    step = step_view({"id": "aws-ml-engineer-associate", "replaces": "aws-ml-specialty", "why": "w",
                      "alternatives": ["aws-ml-specialty", "google-ml-engineer"]}, catalog, TODAY)
    assert [a["id"] for a in step["alternatives"]] == ["google-ml-engineer"]
    assert step["replaces"] == catalog.get("aws-ml-specialty").name
    svg = str(stack_svg("T", [gone, step], "t"))
    assert 'href="/credentials/aws-ml-specialty"' not in svg and 'href="/credentials/tensorflow' not in svg
