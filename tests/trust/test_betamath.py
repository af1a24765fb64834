"""The Beta CDF and quantile agree with closed forms and known values."""
from __future__ import annotations

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from goldseam.trust.betamath import beta_cdf, beta_ppf


@pytest.mark.parametrize(
    ("x", "a", "b", "expected"),
    [
        (0.5, 2, 3, 11 / 16),  # I_0.5(2,3) = 11/16 exactly
        (0.3, 1, 1, 0.3),  # uniform
        (0.2, 3, 1, 0.2**3),  # Beta(a,1): x^a
        (0.2, 1, 4, 1 - 0.8**4),  # Beta(1,b): 1-(1-x)^b
        (0.25, 0.5, 0.5, 2 / math.pi * math.asin(math.sqrt(0.25))),  # arcsine law
        (0.4, 2, 2, 3 * 0.4**2 - 2 * 0.4**3),
    ],
)
def test_beta_cdf_matches_closed_forms(x, a, b, expected):
    assert beta_cdf(x, a, b) == pytest.approx(expected, abs=1e-12)


def test_beta_cdf_integer_shapes_match_binomial_tail():
    # For integer a, b: I_x(a, b) = P(Binomial(a+b-1, x) >= a).
    x, a, b = 0.9, 50, 5
    n = a + b - 1
    tail = sum(math.comb(n, k) * x**k * (1 - x) ** (n - k) for k in range(a, n + 1))
    assert beta_cdf(x, a, b) == pytest.approx(tail, rel=1e-10)


@pytest.mark.parametrize(("q", "a", "expected"), [(0.05, 3, 0.05 ** (1 / 3)), (0.5, 10, 0.5**0.1)])
def test_beta_ppf_inverts_power_law(q, a, expected):
    assert beta_ppf(q, a, 1) == pytest.approx(expected, abs=1e-10)


def test_beta_ppf_of_symmetric_shape_has_median_one_half():
    assert beta_ppf(0.5, 0.5, 0.5) == pytest.approx(0.5, abs=1e-10)
    assert beta_ppf(0.5, 7.3, 7.3) == pytest.approx(0.5, abs=1e-10)


@settings(deadline=None)
@given(
    q=st.floats(0.001, 0.999),
    a=st.floats(0.05, 500),
    b=st.floats(0.05, 500),
)
def test_beta_ppf_round_trips_through_cdf(q, a, b):
    x = beta_ppf(q, a, b)
    assert 0.0 <= x <= 1.0
    # Where the CDF is steep (tiny shapes pile mass at 0 or 1), x is pinned by the bracket:
    # the CDF just either side of x must straddle q.
    step = 1e-9
    assert beta_cdf(max(x - step, 0.0), a, b) <= q + 1e-7
    assert beta_cdf(min(x + step, 1.0), a, b) >= q - 1e-7


@settings(deadline=None)
@given(a=st.floats(0.1, 200), b=st.floats(0.1, 200), x1=st.floats(0, 1), x2=st.floats(0, 1))
def test_beta_cdf_is_monotone(a, b, x1, x2):
    low, high = sorted((x1, x2))
    assert beta_cdf(low, a, b) <= beta_cdf(high, a, b) + 1e-12


def test_beta_cdf_refuses_non_positive_shapes():
    with pytest.raises(ValueError):
        beta_cdf(0.5, 0, 1)
