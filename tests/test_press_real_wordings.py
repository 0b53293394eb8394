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


def test_received_and_counselled_calls_are_every_call() -> None:
    """A count after "tiếp nhận và tư vấn" is every call: a second verb after "received"
    does not make it the counselling calls; "tư vấn" alone before a count names no total."""
    text = (
        "Trong 6 tháng đầu năm 2031, đường dây nóng tư vấn và hỗ trợ nạn nhân của mua bán "
        "người tiếp nhận và tư vấn 1.310 cuộc gọi, chuyển tuyến 27 ca."
    )
    reading = read_report(text, VOCABULARY, is_html=False)
    found = {(f.service, str(f.start), str(f.end), f.name): f.value for f in reading.findings}
    assert found == {
        ("trafficking", "2031-01-01", "2031-06-30", "calls"): 1310,
        ("trafficking", "2031-01-01", "2031-06-30", "referral_cases"): 27,
    }
    english = "In the first half of 2031, the anti-trafficking hotline received and handled"
    assert _measures(english + " 1,310 calls.") == {"calls": 1310}
    alone = "Năm 2031, đường dây nóng phòng, chống mua bán người tư vấn 400 cuộc gọi."
    assert _measures(alone) == {}


def test_nearly_n_calls_in_the_first_eight_months() -> None:
    text = (
        "The national child protection hotline 111 took nearly 150,500 calls in the first "
        "eight months of 2031, according to official data."
    )
    reading = read_report(text, VOCABULARY, is_html=False)
    [calls] = reading.findings
    assert (calls.service, str(calls.start), str(calls.end)) == (
        "child_protection",
        "2031-01-01",
        "2031-08-31",
    )
    assert (calls.name, calls.value, calls.approx) == ("calls", 150500, "nearly")
