"""schemathesis hooks for scripts/api-fuzz.sh: aim path parameters at rows that exist.

Random ids almost never match a row, so detail endpoints would only ever answer 404. Half of
the generated path parameters are replaced by values that exist in the seeded database
(FUZZ_PATH_VALUES: a JSON object of parameter name -> list of values, written by the script).
"""

import json
import os

import schemathesis
from hypothesis import strategies as st

KNOWN: dict[str, list] = json.loads(os.environ.get("FUZZ_PATH_VALUES", "{}"))


def _aim(params) -> st.SearchStrategy:
    if not isinstance(params, dict) or not params:
        return st.just(params)
    return st.fixed_dictionaries(
        {
            name: st.sampled_from(KNOWN[name]) if KNOWN.get(name) else st.just(value)
            for name, value in params.items()
        }
    )


@schemathesis.hook
def before_generate_path_parameters(context, strategy):
    return st.one_of(strategy, strategy.flatmap(_aim))
