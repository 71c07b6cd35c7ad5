"""Hypothesis settings for the property tests of this folder.

``HYPOTHESIS_PROFILE=ci`` (the default) keeps CI short and deterministic
(``derandomize``: the same examples every run).  ``HYPOTHESIS_PROFILE=long``
runs many more, randomly, remembering failures in ``.hypothesis/``::

    HYPOTHESIS_PROFILE=long .venv/bin/python -m pytest tests/fuzz -q --hypothesis-show-statistics

``HYPOTHESIS_EXAMPLES=N`` overrides the number of examples of either profile.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

settings.register_profile(
    "ci", max_examples=60, deadline=None, derandomize=True, database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "long", max_examples=5000, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)

_profile = settings.get_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))
_examples = os.environ.get("HYPOTHESIS_EXAMPLES", "")
#: The settings every property test here uses (``@FUZZ``), without touching the global default.
FUZZ = settings(_profile, max_examples=int(_examples)) if _examples.isdigit() else settings(_profile)
