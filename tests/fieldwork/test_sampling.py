"""The pure sampling rule: proportional allocation and reproducibility."""

import pytest

from fieldwork import sampling


def _cases(n):
    return [
        {"reference": f"R{i:03d}", "band": "A" if i % 3 else "B", "carer": i % 2} for i in range(n)
    ]


def test_same_seed_same_sample_whatever_the_file_order():
    cases = _cases(40)
    first = sampling.draw(cases, strata=["band"], size=10, seed=7)
    again = sampling.draw(list(reversed(cases)), strata=["band"], size=10, seed=7)
    assert first == again
    assert len(first) == 10


def test_another_seed_gives_another_sample():
    cases = _cases(40)
    assert sampling.draw(cases, strata=["band"], size=10, seed=7) != sampling.draw(
        cases, strata=["band"], size=10, seed=8
    )


def test_allocation_is_proportional_with_largest_remainder():
    assert sampling.allocate([20, 10, 10], 10) == [5, 3, 2]  # 5, 2.5, 2.5: tie to the first
    assert sampling.allocate([1, 1, 98], 10) == [0, 0, 10]
    assert sampling.allocate([3, 2], 10) == [3, 2]  # fewer cases than the size: all of them
    assert sum(sampling.allocate([7, 5, 3, 1], 9)) == 9


def test_each_stratum_gets_its_share():
    cases = _cases(30)  # 20 in band A, 10 in band B
    chosen = set(sampling.draw(cases, strata=["band"], size=9, seed=1))
    bands = [case["band"] for case in cases if case["reference"] in chosen]
    assert bands.count("A") == 6 and bands.count("B") == 3


def test_size_below_one_is_refused():
    with pytest.raises(sampling.SamplingError):
        sampling.draw(_cases(5), strata=[], size=0, seed=1)
