"""The advisor's own template filters say numbers as Django's would."""

from __future__ import annotations

from django.template.defaultfilters import floatformat

from advisor.templatetags.advisor import whole


def test_a_score_is_shown_to_the_whole_point_as_floatformat_shows_it():
    """Every score the engine can give (tenths from 0 to 100), halves rounded up."""
    for tenths in range(1001):
        score = tenths / 10
        assert whole(score) == floatformat(score, 0), score
    assert whole(78.5) == "79"
    assert whole(78.4) == "78"
