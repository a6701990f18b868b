"""Actor resolution: name comparison (`names`) and cross-document identities (`resolver`)."""

from forewarn.resolve.names import NameMatch, compare_names, compare_pairs_csv, name_key, strip_titles
from forewarn.resolve.resolver import ActorResolver, Decision, KnownActor

__all__ = [
    "ActorResolver",
    "Decision",
    "KnownActor",
    "NameMatch",
    "compare_names",
    "compare_pairs_csv",
    "name_key",
    "strip_titles",
]
