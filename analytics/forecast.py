"""Daily contact-volume forecast with weekly seasonality, and the hour-of-day profile.

Supervisors plan shifts one or two weeks ahead. Daily volumes in customer service are dominated
by a weekly rhythm (quiet weekends, busy Mondays) on top of a slowly moving level, which is
exactly what additive Holt-Winters models: a level, a trend and one seasonal offset per weekday,
each updated by exponential smoothing. It is small, explainable ("Mondays run +20 above the
level") and needs no extra dependencies — only numpy.

The smoothing parameters are picked by a fixed grid search on one-step-ahead squared error, so
the same history always gives the same forecast (no random restarts, no optimiser tolerance
surprises). Short histories fall back to simpler rules instead of failing, because a newly
onboarded shop still wants *a* number on its dashboard.

``hourly_profile`` turns historic counts into "what share of a weekday's volume lands in each
hour", which, multiplied by the daily forecast, gives the hourly arrivals that
``analytics.erlang`` needs.
"""

from __future__ import annotations

import itertools
import math

import numpy as np

__all__ = ["forecast_daily", "hourly_profile"]

# Smoothing-parameter grid. Level and seasonality get a wide range; the trend stays small so a
# couple of unusual days cannot launch a runaway slope that is then extrapolated for two weeks.
_ALPHAS = (0.02, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
_BETAS = (0.0, 0.01, 0.03, 0.05, 0.1, 0.2)
_GAMMAS = (0.0, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.7)

_HOURS = 24
_WEEKDAYS = 7


def forecast_daily(history: list[float], horizon: int = 14, season: int = 7) -> list[float]:
    """Forecast the next ``horizon`` daily values after ``history`` (oldest first).

    * two or more full seasons: additive Holt-Winters (level + trend + seasonal offsets) with
      parameters from a deterministic grid search;
    * at least one full season: seasonal naive (repeat the last ``season`` days);
    * less than a season: the mean of what there is;
    * empty history: zeros.

    Volumes cannot be negative, so the forecast is clipped at 0.
    """
    if horizon <= 0:
        return []
    if season < 1:
        raise ValueError("season must be at least 1")
    y = np.asarray(history, dtype=float)
    if y.ndim != 1 or not np.all(np.isfinite(y)):
        raise ValueError("history must be a flat list of finite numbers")
    n = y.size
    if n == 0:
        return [0.0] * horizon
    if n < season:
        return [max(0.0, float(y.mean()))] * horizon
    if n < 2 * season:
        last = y[n - season :]
        # Index by position in the season so day n + h gets the value from day n + h - season*k.
        out = [last[h % season] for h in range(horizon)]
        return [max(0.0, float(v)) for v in out]

    forecast = _holt_winters(y, horizon, season)
    return [max(0.0, float(v)) for v in forecast]


def _holt_winters(y: np.ndarray, horizon: int, season: int) -> np.ndarray:
    """Fit every grid combination at once (vectorised over parameters) and forecast with the
    one whose one-step-ahead squared error is smallest. Ties go to the earliest grid entry, so
    the choice is deterministic."""
    m = season
    gammas = _GAMMAS if m > 1 else (0.0,)  # no seasonality to learn with a season of 1
    grid = np.array(list(itertools.product(_ALPHAS, _BETAS, gammas)), dtype=float)
    alpha, beta, gamma = grid[:, 0], grid[:, 1], grid[:, 2]
    k = grid.shape[0]

    # Classical initialisation from the first two seasons: level = first season's mean, trend =
    # change between the two season means per step, seasonal offsets = average deviation of each
    # position from its season's mean.
    first, second = y[:m], y[m : 2 * m]
    mean1, mean2 = first.mean(), second.mean()
    trend0 = (mean2 - mean1) / m
    seasonal0 = ((first - mean1) + (second - mean2)) / 2.0 if m > 1 else np.zeros(1)
    # States describe the end of the first season (time m - 1); its mean sits at its middle.
    level = np.full(k, mean1 + trend0 * (m - 1) / 2.0)
    trend = np.full(k, trend0)
    seasonal = np.tile(seasonal0, (k, 1))

    sse = np.zeros(k)
    for t in range(m, y.size):
        pos = t % m
        s_prev = seasonal[:, pos]
        predicted = level + trend + s_prev
        err = y[t] - predicted
        sse += err * err
        new_level = alpha * (y[t] - s_prev) + (1.0 - alpha) * (level + trend)
        trend = beta * (new_level - level) + (1.0 - beta) * trend
        seasonal[:, pos] = gamma * (y[t] - new_level) + (1.0 - gamma) * s_prev
        level = new_level

    best = int(np.argmin(sse))
    steps = np.arange(1, horizon + 1)
    positions = (y.size + steps - 1) % m
    return level[best] + steps * trend[best] + seasonal[best, positions]


def hourly_profile(
    counts_by_weekday_hour: dict[tuple[int, int], float],
) -> dict[tuple[int, int], float]:
    """Share of each (weekday, hour) within its weekday, for all 7 x 24 slots.

    Keys are ``(weekday, hour)`` with weekday 0-6 (Python's ``date.weekday()``, Monday = 0) and
    hour 0-23. For each weekday with a positive total the shares sum to 1 (hours without data
    get 0). A weekday with no data (or only zeros) gets a flat 1/24 per hour, so multiplying a
    daily forecast by the profile never silently drops that day's volume.
    """
    totals = [0.0] * _WEEKDAYS
    for (weekday, hour), count in counts_by_weekday_hour.items():
        if not (0 <= weekday < _WEEKDAYS and 0 <= hour < _HOURS):
            raise ValueError(f"invalid (weekday, hour) key: {(weekday, hour)!r}")
        if not math.isfinite(count) or count < 0:
            raise ValueError(f"count for {(weekday, hour)!r} must be a non-negative number")
        totals[weekday] += count

    profile: dict[tuple[int, int], float] = {}
    for weekday in range(_WEEKDAYS):
        total = totals[weekday]
        for hour in range(_HOURS):
            if total > 0:
                profile[(weekday, hour)] = counts_by_weekday_hour.get((weekday, hour), 0.0) / total
            else:
                profile[(weekday, hour)] = 1.0 / _HOURS
    return profile
