"""Daily volume forecast (additive Holt-Winters) and hour-of-day profile."""

from __future__ import annotations

import pytest

from analytics.forecast import forecast_daily, hourly_profile

WEEK = [100, 120, 130, 125, 140, 60, 40]  # Mon..Sun, with the weekend dip


def planted(day: int, noise: bool = True) -> float:
    """Weekly pattern with a slight upward trend and small deterministic pseudo-noise."""
    value = WEEK[day % 7] * (1 + 0.003 * day)
    if noise:
        value += (((day * 37) % 11) - 5) * 1.5  # in [-7.5, 7.5], not periodic with the week
    return value


def mape(forecast: list[float], truth: list[float]) -> float:
    return sum(abs(f - t) / t for f, t in zip(forecast, truth, strict=True)) / len(truth)


def test_planted_weekly_pattern_is_forecast_accurately():
    history = [planted(d) for d in range(56)]  # 8 weeks, starting on a Monday
    truth = [planted(d, noise=False) for d in range(56, 70)]
    forecast = forecast_daily(history, horizon=14)
    assert len(forecast) == 14
    assert mape(forecast, truth) < 0.05


def test_forecast_keeps_the_weekday_shape():
    history = [planted(d) for d in range(56)]
    forecast = forecast_daily(history, horizon=14)
    for week in (forecast[:7], forecast[7:]):
        weekend = week[5:]
        weekdays = week[:5]
        assert max(weekend) < 0.7 * min(weekdays)  # the Saturday/Sunday dip survives
        assert week[6] < week[5]  # Sunday below Saturday
        assert week.index(max(week)) == 4  # Friday is the peak
        assert week[0] < week[1]  # Monday below Tuesday


def test_forecast_follows_the_trend():
    # Pure additive weekly pattern plus +2/day: week two must sit ~14 above week one.
    history = [WEEK[d % 7] + 2.0 * d for d in range(70)]
    forecast = forecast_daily(history, horizon=14)
    truth = [WEEK[d % 7] + 2.0 * d for d in range(70, 84)]
    assert mape(forecast, truth) < 0.01
    diffs = [b - a for a, b in zip(forecast[:7], forecast[7:], strict=True)]
    assert all(diff == pytest.approx(14.0, abs=1.5) for diff in diffs)


def test_forecast_aligns_with_the_last_day_of_history():
    # History ending on a Wednesday: the first forecast day is a Thursday.
    history = [planted(d) for d in range(59)]
    forecast = forecast_daily(history, horizon=7)
    # Thursday, Friday, Saturday, Sunday, Monday, Tuesday, Wednesday.
    assert forecast[2] < 0.6 * forecast[1]
    assert forecast[3] < 0.6 * forecast[4]
    assert forecast.index(max(forecast)) == 1


def test_constant_history_gives_constant_forecast():
    assert forecast_daily([50.0] * 30, horizon=5) == pytest.approx([50.0] * 5)


def test_short_history_uses_seasonal_naive():
    history = [10, 11, 12, 13, 14, 15, 16, 17, 18, 19]  # 10 days: one full week only
    forecast = forecast_daily(history, horizon=9)
    # Day 10 is the same weekday as day 3, day 11 as day 4, ...
    assert forecast == [13, 14, 15, 16, 17, 18, 19, 13, 14]


def test_less_than_one_season_uses_the_mean():
    assert forecast_daily([3.0, 6.0, 9.0], horizon=4) == [6.0, 6.0, 6.0, 6.0]


def test_empty_history_gives_zeros():
    assert forecast_daily([], horizon=14) == [0.0] * 14
    assert forecast_daily([], horizon=3, season=7) == [0.0, 0.0, 0.0]
    assert forecast_daily([5.0] * 20, horizon=0) == []


def test_forecast_is_never_negative():
    # A steep decline would extrapolate below zero; it must be clipped.
    history = [max(0.0, 300.0 - 5.0 * d + (20 if d % 7 < 5 else -20)) for d in range(56)]
    forecast = forecast_daily(history, horizon=30)
    assert all(value >= 0.0 for value in forecast)
    assert min(forecast) == 0.0
    assert forecast_daily([-5.0, -1.0], horizon=2) == [0.0, 0.0]
    assert all(v >= 0.0 for v in forecast_daily([-3.0] * 8, horizon=3))


def test_forecast_is_deterministic():
    history = [planted(d) for d in range(120)]
    assert forecast_daily(history) == forecast_daily(list(history))


def test_non_weekly_season():
    history = [10.0 if d % 3 == 0 else 1.0 for d in range(30)]  # last day is position 2
    forecast = forecast_daily(history, horizon=6, season=3)
    assert forecast == pytest.approx([10.0, 1.0, 1.0, 10.0, 1.0, 1.0], abs=0.5)


def test_invalid_history_is_rejected():
    with pytest.raises(ValueError):
        forecast_daily([1.0, float("nan"), 3.0])
    with pytest.raises(ValueError):
        forecast_daily([1.0], season=0)


def test_hourly_profile_shares_sum_to_one_per_weekday():
    counts = {(0, 9): 30.0, (0, 10): 50.0, (0, 14): 20.0, (2, 12): 7.0}
    profile = hourly_profile(counts)
    assert len(profile) == 7 * 24
    assert profile[(0, 9)] == pytest.approx(0.3)
    assert profile[(0, 10)] == pytest.approx(0.5)
    assert profile[(0, 14)] == pytest.approx(0.2)
    assert profile[(0, 3)] == 0.0
    assert profile[(2, 12)] == pytest.approx(1.0)
    for weekday in range(7):
        assert sum(profile[(weekday, h)] for h in range(24)) == pytest.approx(1.0)


def test_hourly_profile_flat_for_weekdays_without_data():
    profile = hourly_profile({(1, 8): 4.0, (3, 8): 0.0})
    for weekday in (0, 2, 3, 4, 5, 6):  # 3 only has a zero count: treated as no data
        assert all(profile[(weekday, h)] == pytest.approx(1 / 24) for h in range(24))
    assert profile[(1, 8)] == 1.0
    flat = {(d, h): pytest.approx(1 / 24) for d in range(7) for h in range(24)}
    assert hourly_profile({}) == flat


def test_hourly_profile_rejects_bad_input():
    with pytest.raises(ValueError):
        hourly_profile({(7, 0): 1.0})
    with pytest.raises(ValueError):
        hourly_profile({(0, 24): 1.0})
    with pytest.raises(ValueError):
        hourly_profile({(0, 1): -1.0})
