"""Contact-centre staffing with the Erlang C queueing model.

Supervisors want to know "how many agents do I need on shift so that 80 % of chats are picked
up within 20 seconds?". Erlang C (an M/M/N queue: Poisson arrivals, exponential handle times,
nobody abandons) is the industry-standard answer: it is slightly pessimistic, which is the safe
side for staffing, and every workforce-management tool quotes it, so our numbers can be compared
with theirs.

Definitions used throughout:

* traffic ``A`` (Erlangs) = arrival rate x average handle time (AHT), in the same time unit;
* ``N`` = number of agents; occupancy = ``A / N``.

Everything here is plain Python (``math`` only) so it can be called from views, tasks or
notebooks without Django.
"""

from __future__ import annotations

import math

__all__ = [
    "agents_needed",
    "average_speed_of_answer",
    "erlang_b",
    "erlang_c",
    "service_level",
    "traffic_erlangs",
]

# A safety stop for ``agents_needed``: no realistic queue needs more agents than this many
# times its traffic (plus a constant for tiny loads). Guards against an endless loop if a
# caller passes a target the model can never reach (e.g. target_level=1.0).
_MAX_AGENT_FACTOR = 10
_MAX_AGENT_EXTRA = 1000


def traffic_erlangs(arrivals_per_hour: float, aht_seconds: float) -> float:
    """Offered load in Erlangs: arrivals per hour x AHT expressed in hours.

    Kept separate so every caller converts units the same way (a classic source of
    off-by-3600 bugs).
    """
    if arrivals_per_hour < 0 or aht_seconds < 0:
        raise ValueError("arrivals_per_hour and aht_seconds must be non-negative")
    return arrivals_per_hour * aht_seconds / 3600.0


def erlang_b(traffic: float, agents: int) -> float:
    """Blocking probability of an Erlang B (loss) system with ``agents`` servers.

    Uses the textbook recursion ``B(0) = 1, B(n) = A·B(n-1) / (n + A·B(n-1))``. Every step is a
    ratio of numbers in (0, 1], so it never overflows — unlike ``A**N / N!``, which overflows a
    float for N around 170. It is exposed because Erlang C is derived from it and because
    published Erlang B tables are a convenient independent check.
    """
    if traffic < 0:
        raise ValueError("traffic must be non-negative")
    if agents < 0:
        raise ValueError("agents must be non-negative")
    b = 1.0
    for n in range(1, agents + 1):
        ab = traffic * b
        b = ab / (n + ab)
    return b


def erlang_c(traffic: float, agents: int) -> float:
    """Probability that an arriving contact has to wait (Erlang C), for ``traffic`` Erlangs.

    Computed from Erlang B with ``C = N·B / (N - A·(1 - B))`` so it stays numerically stable
    for hundreds of agents. When ``agents <= traffic`` the queue is unstable (it grows without
    bound), so every contact waits: the function returns 1.0 rather than a meaningless value.
    """
    if traffic < 0:
        raise ValueError("traffic must be non-negative")
    if agents < 0:
        raise ValueError("agents must be non-negative")
    if traffic == 0:
        return 0.0
    if agents <= traffic:
        return 1.0
    b = erlang_b(traffic, agents)
    c = agents * b / (agents - traffic * (1.0 - b))
    return min(1.0, max(0.0, c))


def service_level(
    arrivals_per_hour: float, aht_seconds: float, agents: int, target_seconds: float
) -> float:
    """Fraction of contacts answered within ``target_seconds``.

    ``SL = 1 - C · exp(-(N - A) · target / AHT)``: under Erlang C the wait of a delayed contact
    is exponential with rate ``(N - A) / AHT``. Returns 0.0 for an unstable queue (N <= A) and
    1.0 when there is no traffic at all.
    """
    if target_seconds < 0:
        raise ValueError("target_seconds must be non-negative")
    a = traffic_erlangs(arrivals_per_hour, aht_seconds)
    if a == 0:
        return 1.0
    if agents <= a:
        return 0.0
    c = erlang_c(a, agents)
    sl = 1.0 - c * math.exp(-(agents - a) * target_seconds / aht_seconds)
    return min(1.0, max(0.0, sl))


def average_speed_of_answer(arrivals_per_hour: float, aht_seconds: float, agents: int) -> float:
    """Mean wait before an agent picks up, in seconds, over all contacts (ASA).

    ``ASA = C · AHT / (N - A)``. An unstable queue (N <= A) has an unbounded wait, reported as
    ``math.inf`` so views can show "overloaded" instead of a misleading number.
    """
    a = traffic_erlangs(arrivals_per_hour, aht_seconds)
    if a == 0:
        return 0.0
    if agents <= a:
        return math.inf
    return erlang_c(a, agents) * aht_seconds / (agents - a)


def agents_needed(
    arrivals_per_hour: float,
    aht_seconds: float,
    target_level: float = 0.8,
    target_seconds: float = 20,
    max_occupancy: float = 0.85,
) -> int:
    """Smallest number of agents meeting the service-level target and the occupancy cap.

    The occupancy cap matters for large queues: Erlang C happily reports 80/20 at 95 %
    occupancy, but people cannot sustain that, so ``A / N <= max_occupancy`` is enforced too.
    Returns 0 when there are no arrivals (nothing to staff). Raises ``ValueError`` if the
    target is unreachable (e.g. ``target_level >= 1`` with a zero-second target).
    """
    if not 0 < max_occupancy <= 1:
        raise ValueError("max_occupancy must be in (0, 1]")
    if not 0 <= target_level <= 1:
        raise ValueError("target_level must be in [0, 1]")
    a = traffic_erlangs(arrivals_per_hour, aht_seconds)
    if a == 0:
        return 0
    # Lowest candidate: more agents than traffic (stable queue) and within the occupancy cap.
    n = max(math.floor(a) + 1, math.ceil(a / max_occupancy - 1e-9))
    limit = n * _MAX_AGENT_FACTOR + _MAX_AGENT_EXTRA
    while n <= limit:
        if a / n <= max_occupancy and (
            service_level(arrivals_per_hour, aht_seconds, n, target_seconds) >= target_level
        ):
            return n
        n += 1
    raise ValueError("service-level target cannot be reached with a finite number of agents")
