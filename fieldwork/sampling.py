"""Stratified random sampling of a case list: pure, values in and values out.

The method (shown on the sample page):
1. Cases are grouped into strata by the chosen columns (e.g. age band x service type); strata
   are ordered by their values, and cases within a stratum by reference, so the draw does not
   depend on the order of the uploaded file.
2. The sample size is shared between strata in proportion to their size (largest remainder
   method: each stratum gets the whole part of size x n / N, then the strata with the largest
   fractional parts get one more, ties going to the larger stratum, then to the first in
   order).
3. Within each stratum, in order, `random.Random(seed)` picks that many cases without
   replacement.
The same cases, strata, size and seed always give the same sample; the seed is recorded.
"""

from __future__ import annotations

import random
import secrets
from collections.abc import Mapping, Sequence
from fractions import Fraction

MAX_SEED = 2**31 - 1


class SamplingError(ValueError):
    """The draw cannot be made as asked (the message is fit to show a user)."""


def new_seed() -> int:
    return secrets.randbelow(MAX_SEED) + 1


def allocate(stratum_sizes: Sequence[int], size: int) -> list[int]:
    """How many to draw from each stratum (proportional, largest remainder)."""
    total = sum(stratum_sizes)
    if size >= total:
        return list(stratum_sizes)
    quotas = [Fraction(size * n, total) for n in stratum_sizes]
    counts = [int(q) for q in quotas]
    left = size - sum(counts)
    order = sorted(
        range(len(quotas)),
        key=lambda i: (-(quotas[i] - counts[i]), -stratum_sizes[i], i),
    )
    for i in order[:left]:
        counts[i] += 1
    return counts


def draw(
    cases: Sequence[Mapping[str, object]],
    *,
    strata: Sequence[str],
    size: int,
    seed: int,
    key: str = "reference",
) -> list[str]:
    """The references of a stratified random sample of `size` cases (all of them when there
    are fewer), in reference order. `cases` are mappings holding `key` and every stratum
    column. Raises SamplingError for a size below 1."""
    if size < 1:
        raise SamplingError("The sample size must be at least 1.")
    groups: dict[tuple[str, ...], list[str]] = {}
    for case in cases:
        stratum = tuple(str(case[column]) for column in strata)
        groups.setdefault(stratum, []).append(str(case[key]))
    ordered = sorted(groups)
    members = [sorted(groups[stratum]) for stratum in ordered]
    counts = allocate([len(group) for group in members], size)
    rng = random.Random(seed)  # noqa: S311 - a reproducible sample, not a secret
    chosen: list[str] = []
    for group, count in zip(members, counts, strict=True):
        chosen.extend(rng.sample(group, count))
    return sorted(chosen)
