def request_cache(request, name):
    """A dict stored on the request, so a template tag used in several places queries once."""
    if request is None:
        return {}
    cache = getattr(request, name, None)
    if cache is None:
        cache = {}
        setattr(request, name, cache)
    return cache
