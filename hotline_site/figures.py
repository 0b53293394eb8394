"""Names of the figures that campaign text may show, such as ``{calls_total}``.

Figures are never typed into materials: text names them, and the build fills
in the values of the latest statistics period, formatted for each language.
"""

from __future__ import annotations

FIGURE_NAMES: frozenset[str] = frozenset(
    {
        "period",  # the latest period, in words: "6 tháng đầu năm 2019" / "the first half of 2019"
        "calls_total",
        "previous_period",  # the same period a year earlier, in words
        "previous_calls_total",
        "calls_change_pct",  # change against previous_period, unsigned: "38,8%"
        "calls_information",
        "calls_counselling",
        "calls_referral",
        "caller_public_pct",
        "caller_male_pct",
        "caller_female_pct",
        "top_region",  # name of the region with most calls
        "top_region_pct",
    }
)
