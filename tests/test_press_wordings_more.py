"""Issue 21, precision first: wordings of real reports that differ a little from the shared
cases, written anew here (figures of years to come, so none passes for a real one).

Each refusal names its sentence, gives the reason in words and says what the editor can do.
"""

from __future__ import annotations

import pytest

from hotline_site.stats.findings import Reading
from hotline_site.stats.importers.press import read_report
from hotline_site.stats.vocabulary import load_vocabulary

VOCABULARY = load_vocabulary(("vi", "en"))
LEAD = "Năm 2029, Tổng đài điện thoại quốc gia bảo vệ trẻ em 111 đã tiếp nhận 401.200 cuộc gọi. "
"""An earlier sentence with a year: a later figure without one must never borrow it."""
REMEDIES = ("by hand in a feed file", "--service", "--accept-scale", "--replace")


def _read(text: str) -> Reading:
    return read_report(text, VOCABULARY, is_html=False)


def _found(reading: Reading) -> set[tuple[str, str, str, str, object]]:
    return {
        (
            f.service,
            str(f.start),
            str(f.end),
            f.name,
            tuple(sorted(f.value.items())) if isinstance(f.value, dict) else f.value,
        )
        for f in reading.findings
        if not f.derived
    }


def _refused(reading: Reading, sentence_part: str, reason: str) -> None:
    matching = [r for r in reading.refusals if sentence_part in r.quote]
    assert matching, f"no refusal for {sentence_part!r}: {reading.refusals}"
    assert any(reason in r.reason for r in matching), [r.reason for r in matching]
    for refusal in matching:
        assert any(remedy in refusal.reason for remedy in REMEDIES), refusal.reason


ANOTHER_LINE = [
    "Năm 2030, đường dây nóng chống buôn bán người của Thái Lan (số 1300) tiếp nhận "
    "4.210 cuộc gọi.",
    "In 2030, Cambodia's anti-trafficking hotline received 3,900 calls.",
    "Trong năm 2030, đường dây nóng của Trung tâm Tư vấn pháp luật cho phụ nữ tiếp nhận "
    "1.150 cuộc gọi liên quan đến mua bán người.",
    "Năm 2030, đường dây nóng bảo vệ trẻ em của tỉnh Bình Định tiếp nhận 318 cuộc gọi.",
    "Năm 2030, Tổng đài bảo vệ trẻ em thành phố Cần Thơ đã nhận 742 cuộc gọi.",
]


@pytest.mark.parametrize("sentence", ANOTHER_LINE)
def test_another_hotlines_figures_are_not_111s(sentence: str) -> None:
    reading = _read(LEAD + sentence)
    assert _found(reading) == {
        ("child_protection", "2029-01-01", "2029-12-31", "calls", 401200),
    }
    _refused(reading, sentence[10:40], "another hotline")


def test_a_period_without_a_year_does_not_borrow_an_earlier_one() -> None:
    sentence = (
        "Trong những tháng đầu vận hành thử năm nay, đường dây nóng phòng, chống mua bán "
        "người đã tiếp nhận 412 cuộc gọi."
    )
    reading = _read(LEAD + sentence)
    assert {f[0] for f in _found(reading)} == {"child_protection"}
    _refused(reading, "vận hành thử", "no year")


def test_since_the_opening_to_this_month_in_total_is_cumulative() -> None:
    sentence = (
        "Từ khi khai trương tháng 6 năm 2027 đến hết tháng 9 năm nay, đường dây nóng "
        "phòng, chống mua bán người đã tiếp nhận tổng cộng 8.120 cuộc gọi."
    )
    reading = _read(LEAD + sentence)
    assert {f[0] for f in _found(reading)} == {"child_protection"}
    _refused(reading, "khai trương", "cumulative")


@pytest.mark.parametrize(
    "sentence",
    [
        "Từ tháng 3 năm 2028 đến tháng 2 năm 2030, Tổng đài 111 đã tiếp nhận 790.400 cuộc gọi.",
        "Từ tháng 3/2028 đến hết tháng 2/2030, Tổng đài 111 đã tiếp nhận 790.400 cuộc gọi.",
        "Between March 2028 and February 2030, the 111 child protection hotline received "
        "790,400 calls.",
    ],
)
def test_a_span_across_years_is_refused_never_one_month(sentence: str) -> None:
    reading = _read(sentence)
    assert not reading.findings, reading.findings
    _refused(reading, "790", "across")


def test_a_span_of_months_within_one_year_is_stored_as_that_span() -> None:
    reading = _read("Từ tháng 4 đến tháng 9 năm 2030, Tổng đài 111 đã tiếp nhận 203.700 cuộc gọi.")
    assert _found(reading) == {("child_protection", "2030-04-01", "2030-09-30", "calls", 203700)}


@pytest.mark.parametrize(
    "sentence",
    [
        "Trong năm 2030, tính đến tháng 9, Tổng đài 111 đã tiếp nhận 251.300 cuộc gọi.",
        "Năm 2030, tính đến hết tháng 9, Tổng đài 111 đã tiếp nhận 251.300 cuộc gọi.",
    ],
)
def test_year_to_date_is_january_to_that_month(sentence: str) -> None:
    assert _found(_read(sentence)) == {
        ("child_protection", "2030-01-01", "2030-09-30", "calls", 251300)
    }


def test_a_part_with_its_share_of_all_cases_is_not_the_whole() -> None:
    reading = _read(
        "Năm 2030, Tổng đài 111 đã tiếp nhận 300.900 cuộc gọi. Tổng đài đã hỗ trợ, can thiệp "
        "233 ca trẻ em bị bạo lực, chiếm 21,4% tổng số ca hỗ trợ, can thiệp."
    )
    assert _found(reading) == {("child_protection", "2030-01-01", "2030-12-31", "calls", 300900)}
    _refused(reading, "233 ca", "a part of a total")


def test_the_referred_victims_gender_is_not_the_callers() -> None:
    reading = _read(
        "Trong 6 tháng đầu năm 2030, đường dây nóng phòng, chống mua bán người tiếp nhận "
        "1.240 cuộc gọi. Trong số 31 nạn nhân được chuyển tuyến giải cứu, nữ giới chiếm 77,4%, "
        "nam giới chiếm 22,6%."
    )
    assert not any(f[3] == "caller_gender_pct" for f in _found(reading))
    _refused(reading, "nạn nhân được chuyển tuyến", "not of the callers")


def test_a_total_of_calls_about_trafficking_is_the_trafficking_lines() -> None:
    reading = _read(
        "Trong quý II năm 2030, Tổng đài 111 đã tiếp nhận tổng cộng 574 cuộc gọi liên quan "
        "đến phòng, chống mua bán người."
    )
    assert _found(reading) == {("trafficking", "2030-04-01", "2030-06-30", "calls", 574)}


@pytest.mark.parametrize(
    "text",
    [
        "Từ đầu năm đến nay, Tổng đài 111 đã nhận 120.000 cuộc gọi.",
        "Sau 15 năm, Tổng đài 111 đã tiếp nhận hơn 4 triệu cuộc gọi.",
        "Trong hai năm 2029 và 2030, Tổng đài 111 đã nhận 800.000 cuộc gọi.",
        "Quý II, Tổng đài 111 nhận 98.000 cuộc gọi.",
        "Năm 2030, đường dây nóng nhận 2.000 cuộc gọi.",
    ],
)
def test_every_refusal_says_why_and_what_to_do(text: str) -> None:
    reading = _read(text)
    assert not reading.findings
    assert reading.refusals
    for refusal in reading.refusals:
        assert refusal.quote == text
        assert any(remedy in refusal.reason for remedy in REMEDIES), refusal.reason


@pytest.mark.parametrize(
    ("text", "end", "shares"),
    [
        # men, then women, joined by "và": stored the right way round
        (
            "Năm 2030, đường dây nóng tư vấn và hỗ trợ nạn nhân của mua bán người nhận 2.230 "
            "cuộc gọi. Người gọi đến là nam giới chiếm 66,1% và nữ giới chiếm 33,9%.",
            "2030-12-31",
            (("female", 33.9), ("male", 66.1)),
        ),
        # shares in brackets after a comparison are the earlier period's
        (
            "Sáu tháng đầu năm 2030, đường dây nóng phòng, chống mua bán người nhận 1.205 "
            "cuộc gọi. Nam giới chiếm 64,2%, nữ giới chiếm 35,8%, gần như không đổi so với "
            "cùng kỳ năm 2029 (63,0% nam và 37,0% nữ).",
            "2030-06-30",
            (("female", 35.8), ("male", 64.2)),
        ),
    ],
)
def test_callers_gender_shares_are_the_periods_own(
    text: str, end: str, shares: tuple[tuple[str, float], ...]
) -> None:
    reading = _read(text)
    assert ("trafficking", "2030-01-01", end, "caller_gender_pct", shares) in _found(reading)
    assert not [r for r in reading.refusals if "given twice" in r.reason]
