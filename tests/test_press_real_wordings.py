"""Wordings met in real reports on the 111 line (2021-2024), written anew here:
a count that is "X% of all cases" is a part, never the total; a rise ("tăng N ca")
is never a figure of its own."""

from __future__ import annotations

from hotline_site.stats.importers.press import read_report
from hotline_site.stats.vocabulary import load_vocabulary

VOCABULARY = load_vocabulary(("vi", "en"))


def _measures(text: str) -> dict[str, float]:
    reading = read_report(text, VOCABULARY, is_html=False)
    return {f.name: f.value for f in reading.findings if not f.derived}


def test_a_count_that_is_a_share_of_all_cases_is_not_the_total() -> None:
    text = (
        "Năm 2030, Tổng đài quốc gia bảo vệ trẻ em 111 đã tiếp nhận 300.100 cuộc gọi đến. "
        "Tổng đài hỗ trợ, can thiệp 512 ca trẻ em bị xâm hại tình dục, chiếm 40,5% tổng số ca "
        "hỗ trợ, can thiệp."
    )
    found = _measures(text)
    assert found.get("calls") == 300100
    assert "intervention_cases" not in found


def test_a_rise_in_cases_is_not_a_count_of_cases() -> None:
    text = (
        "Trong năm 2030, Tổng đài điện thoại quốc gia bảo vệ trẻ em 111 đã tiếp nhận 300.100 "
        "cuộc gọi đến, trong đó có 21.000 cuộc gọi tư vấn và 1.400 ca hỗ trợ, can thiệp "
        "(tăng 120 ca so với cùng kỳ năm trước)."
    )
    found = _measures(text)
    assert found.get("calls") == 300100
    assert found.get("intervention_cases") == 1400
    assert "counselling_cases" not in found


def test_a_change_belongs_to_the_count_it_follows() -> None:
    text = (
        "Trong năm 2030, Tổng đài điện thoại quốc gia bảo vệ trẻ em 111 đã tiếp nhận 300.100 "
        "cuộc gọi đến (giảm 50.000 cuộc so với năm 2029), trong đó có 21.000 cuộc gọi tư vấn."
    )
    reading = read_report(text, VOCABULARY, is_html=False)
    derived = {(f.name, f.start.year): f.value for f in reading.findings if f.derived}
    assert derived == {("calls", 2029): 350100}
