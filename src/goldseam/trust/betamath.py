"""Compute the Beta distribution's CDF and quantiles without SciPy.

The regularised incomplete beta I_x(a, b) is evaluated with its continued fraction (modified
Lentz's method), using the symmetry I_x(a, b) = 1 - I_{1-x}(b, a) where the fraction converges
slowly; the quantile inverts it by Newton's method kept inside a bisection bracket, so it cannot
diverge for the small, non-integer shape parameters that weighted counts produce.
"""
from __future__ import annotations

import math

#: Relative accuracy the continued fraction stops at.
_EPS = 1e-14
#: Guard against division by zero inside Lentz's method.
_TINY = 1e-300
#: Continued-fraction terms before giving up; convergence needs O(sqrt(max(a, b))) terms.
_MAX_TERMS = 10_000


def _continued_fraction(x: float, a: float, b: float) -> float:
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c = 1.0
    d = 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > _TINY else _TINY)
    h = d
    for m in range(1, _MAX_TERMS + 1):
        m2 = 2 * m
        # Even step of the fraction.
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > _TINY else _TINY)
        c = 1.0 + aa / c
        c = c if abs(c) > _TINY else _TINY
        h *= d * c
        # Odd step.
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > _TINY else _TINY)
        c = 1.0 + aa / c
        c = c if abs(c) > _TINY else _TINY
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < _EPS:
            return h
    raise ArithmeticError(f"incomplete beta did not converge for a={a}, b={b}, x={x}")


def beta_cdf(x: float, a: float, b: float) -> float:
    """Return I_x(a, b), the probability that a Beta(a, b) variable is at most ``x``."""
    if a <= 0 or b <= 0:
        raise ValueError("Beta shape parameters must be positive")
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    log_front = (
        math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b)
        + a * math.log(x) + b * math.log1p(-x)
    )
    front = math.exp(log_front)
    if x < (a + 1.0) / (a + b + 2.0):
        return min(1.0, front * _continued_fraction(x, a, b) / a)
    return max(0.0, 1.0 - front * _continued_fraction(1.0 - x, b, a) / b)


def beta_ppf(q: float, a: float, b: float) -> float:
    """Return the ``q``-quantile of Beta(a, b): the x with I_x(a, b) = q, to about 1e-12."""
    if not 0.0 <= q <= 1.0:
        raise ValueError("quantile level must lie in [0, 1]")
    if q == 0.0:
        return 0.0
    if q == 1.0:
        return 1.0
    low, high = 0.0, 1.0
    log_norm = math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b)
    x = a / (a + b)
    # Newton's step where it stays inside the bracket, bisection otherwise: fast like Newton,
    # and as safe as bisection for the U- and J-shaped densities of small shape parameters.
    for _ in range(200):
        err = beta_cdf(x, a, b) - q
        if abs(err) < 1e-14:
            return x
        if err < 0:
            low = x
        else:
            high = x
        if high - low < 1e-13:
            break
        log_pdf = log_norm + (a - 1.0) * math.log(x) + (b - 1.0) * math.log1p(-x)
        step = err / math.exp(log_pdf) if log_pdf < 700 else 0.0
        candidate = x - step
        x = candidate if low < candidate < high and step != 0.0 else 0.5 * (low + high)
    return 0.5 * (low + high)
