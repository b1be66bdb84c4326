"""The server-drawn pictures: escaped, linked, printable, with a text alternative."""

from __future__ import annotations

from datetime import date
from xml.etree import ElementTree as ET

from certwise.catalog.browse import credential_summary
from certwise.web.svg import roadmap_svg, short_name, timeline_svg, wrap

TODAY = date(2026, 11, 25)
NS = "{http://www.w3.org/2000/svg}"


def test_roadmap_is_valid_svg_with_a_box_per_credential(catalog):
    creds = [credential_summary(c, TODAY) for c in catalog]
    svg = roadmap_svg(creds, as_of=TODAY)
    root = ET.fromstring(str(svg))
    links = root.findall(f".//{NS}a")
    assert len(links) == len(creds)
    assert root.find(f"{NS}title").text.endswith("2026-11-25")
    assert "retired" in root.find(f"{NS}desc").text
    assert all("inline" not in (el.get("style") or "") for el in root.iter())  # presentation attributes only


def test_roadmap_levels_go_up_from_foundational():
    creds = [
        {"id": "a", "name": "Base", "provider": "P", "level": "foundational", "domains": ["ai-literacy"], "status": "active"},
        {"id": "b", "name": "Top", "provider": "P", "level": "specialty", "domains": ["mlops"], "status": "retired"},
    ]
    svg = str(roadmap_svg(creds))
    assert svg.index("Top") < svg.index("Base")  # drawn higher, so earlier in the document
    assert "RETIRED" in svg


def test_timeline_draws_bars_milestones_and_exam():
    plan = {"start": "2026-12-07", "items": [
        {"id": "x", "name": "X & <Y>", "study_start": "2026-12-07", "exam_date": "2027-03-01",
         "milestones": [{"week": 1, "topic": "Intro", "project": None}, {"week": 4, "topic": "Build", "project": "A bot"}]}]}
    svg = str(timeline_svg(plan))
    root = ET.fromstring(svg)
    assert "X &amp; &lt;Y&gt;" in svg
    assert root.findall(f".//{NS}circle") and root.findall(f".//{NS}path")
    assert "2026–2027" in svg
    assert timeline_svg({"items": []}) == ""


def test_short_names_and_wrapping():
    assert short_name("AWS Certified Machine Learning – Specialty", "Amazon Web Services") == "Machine Learning – Specialty"
    assert short_name("Google Cloud Professional Data Engineer", "Google Cloud") == "Professional Data Engineer"
    lines = wrap("a very long credential name that will not fit in one line at all", 20, 2)
    assert len(lines) == 2 and lines[-1].endswith("…") and all(len(x) <= 21 for x in lines)
