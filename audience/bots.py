"""Bots are not readers: a request whose user agent is a known crawler's is not counted.

The patterns are crawler-user-agents' (github.com/monperrus/crawler-user-agents, the list most
analytics tools share, released often), plus a missing or empty user agent. Matching one user
agent against its ~600 patterns costs ~0.2 ms: the answers are memoised per user agent (a
site's traffic comes from a few thousand distinct ones), so a known user agent costs a dict
look-up. The user agent is only looked at, never stored."""

import functools

from crawleruseragents import is_crawler

# A user agent longer than this is no browser's (and would make the memo a memory sink).
MAX_LENGTH = 512


@functools.lru_cache(maxsize=8192)
def _is_crawler(user_agent):
    return is_crawler(user_agent)


def is_bot(user_agent):
    user_agent = (user_agent or "").strip()
    if not user_agent or len(user_agent) > MAX_LENGTH:
        return True
    return _is_crawler(user_agent)
