"""Product recommender benchmark on a synthetic shop with planted bundles, as JSON.

    .venv/bin/python benchmarks/recommender.py [--products 300] [--customers 2000] [--seed 0]

* hit_rate_at_10     — leave-one-out (one purchase held out per customer), recommender vs the
                       popularity baseline trained on the same data (``leave_one_out``).
* train_seconds      — ``Recommender.train`` on the full synthetic data set.
* latency_ms_p50/p99 — ``recommend(customer, k=10)`` per call, single thread.
"""

from __future__ import annotations

import os

# Must precede numpy/scipy imports anywhere in the process: latency means "one core".
for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import json  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from profiles.recommender import Recommender, leave_one_out, synthetic_shop  # noqa: E402


def main(argv: list[str] | None = None) -> dict[str, object]:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--products", type=int, default=300)
    parser.add_argument("--customers", type=int, default=2000)
    parser.add_argument("--bundles", type=int, default=30)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)

    interactions, products, _ = synthetic_shop(
        args.products, args.customers, args.bundles, seed=args.seed
    )
    loo = leave_one_out(interactions, products, k=10, seed=args.seed)

    start = time.perf_counter()
    model = Recommender.train(interactions, products)
    train_seconds = time.perf_counter() - start

    customers = sorted({it.customer_id for it in interactions})
    model.recommend(customers[0])  # warm-up: first call pays for lazy imports/caches
    timings = []
    for cid in customers:
        t = time.perf_counter()
        model.recommend(cid, k=10)
        timings.append((time.perf_counter() - t) * 1000)

    result: dict[str, object] = {
        "n_products": args.products,
        "n_customers": args.customers,
        "n_interactions": len(interactions),
        "hit_rate_at_10": {
            "recommender": round(float(loo["hit_rate_recommender"]), 4),
            "popularity": round(float(loo["hit_rate_popularity"]), 4),
        },
        "n": loo["n"],
        "train_seconds": round(train_seconds, 4),
        "recommend_latency_ms_p50": round(float(np.percentile(timings, 50)), 4),
        "recommend_latency_ms_p99": round(float(np.percentile(timings, 99)), 4),
        "model_bytes": len(model.dumps()),
    }
    print(json.dumps(result, indent=2))
    return result


if __name__ == "__main__":
    main()
