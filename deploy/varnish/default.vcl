vcl 4.1;
# The front cache of newsportal (Varnish 7 with varnish-modules' xkey). The application says what
# may be kept (Cache-Control: public, s-maxage) and under which tags (the `xkey` header); it
# purges the tags when something changes (core/front_cache.py). Nothing else is stored.
#
# backends.vcl, next to this file or on vcl_path, defines the gunicorn hosts, `sub
# choose_backend` and `acl purgers` (see backends.example.vcl).

import std;
import var;
import xkey;

include "backends.vcl";

sub vcl_recv {
    call choose_backend;

    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Forbidden"));
        }
        # A fetch that started before now may carry what the purge is about (rendered from the
        # data as it was before the change): not stored (vcl_backend_response).
        var.global_set("purged-at", "" + std.time2real(now, 0.0));
        if (req.http.xkey-purge) {
            # Hard purge: an unpublished page must not be served again, not even stale.
            set req.http.n-gone = xkey.purge(req.http.xkey-purge);
            # Varnish indexes a new object's tags a moment after it starts serving it: one
            # stored just before this purge may not be in xkey's index yet. A ban on the same
            # tags (obj.* only, so the ban lurker clears it) catches it at its next lookup.
            if (!std.ban("obj.http.xkey ~ (^|[^a-z0-9-])(" + regsuball(req.http.xkey-purge,
                    "[^a-z0-9-]+", "|") + ")($|[^a-z0-9-])")) {
                return (synth(500, "Ban failed: " + std.ban_error()));
            }
            return (synth(200, "Invalidated " + req.http.n-gone + " objects"));
        }
        return (purge);
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # An editor (session) or a message for this visitor: the application, every time.
    if (req.http.Authorization || req.http.Cookie ~ "(^|;\s*)(sessionid|messages)=") {
        return (pass);
    }
    if (req.url ~ "^/(admin|dev)(/|$)") {
        return (pass);
    }
    # The pages do not depend on the other cookies (the CSRF token of a form page, analytics);
    # the application marks private what holds a token (form pages), which is never stored.
    unset req.http.Cookie;
    # One object per query, whatever the order of its parameters.
    set req.url = std.querysort(req.url);
    # While the application answers, an expired copy is served (and refreshed in the background)
    # for this long at most; when it does not (the probe says sick), for the object's whole
    # grace (stale-if-error).
    if (std.healthy(req.backend_hint)) {
        set req.grace = 30s;
    }
    return (hash);
}

sub vcl_backend_fetch {
    set bereq.http.X-Fetch-Started = "" + std.time2real(now, 0.0);
    # A refresh of a copy being served: its reader is counted from this cache's log (a hit),
    # so the application must not count the refresh too (audience/middleware.py).
    if (bereq.is_bgfetch) {
        set bereq.http.X-Background-Fetch = "1";
    } else {
        unset bereq.http.X-Background-Fetch;
    }
}

sub vcl_backend_response {
    # A refresh that fails keeps the copy being served.
    if (bereq.is_bgfetch && beresp.status >= 500) {
        return (abandon);
    }
    # Only what the application marked public (no cookie) is stored; the rest is fetched every
    # time (hit-for-miss, so that requests for it are not queued behind one another).
    if (beresp.http.Set-Cookie
            || beresp.http.Cache-Control !~ "public"
            || beresp.http.Cache-Control ~ "(private|no-store|no-cache)") {
        set beresp.ttl = 120s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    # Asked for before the last purge: delivered to those waiting for it, never stored.
    if (std.real(bereq.http.X-Fetch-Started, 0.0)
            <= std.real(var.global_get("purged-at"), 0.0)) {
        set beresp.ttl = 0s;
        set beresp.grace = 0s;
        set beresp.uncacheable = true;
        return (deliver);
    }
    if (beresp.http.Cache-Control ~ "stale-if-error=[0-9]+") {
        set beresp.grace = std.duration(
            regsub(beresp.http.Cache-Control, ".*stale-if-error=([0-9]+).*", "\1") + "s", 0s);
    }
    # The API's rate-limit headers count one client's requests: a stored copy, served
    # without counting, carries none.
    unset beresp.http.RateLimit-Limit;
    unset beresp.http.RateLimit-Remaining;
    unset beresp.http.RateLimit-Reset;
    unset beresp.http.RateLimit-Policy;
    # Kept past grace for conditional refreshes (If-None-Match to the application).
    set beresp.keep = 1h;
    return (deliver);
}

sub vcl_backend_error {
    if (bereq.is_bgfetch) {
        return (abandon);
    }
}

sub vcl_deliver {
    # The tags are for this cache only.
    unset resp.http.xkey;
    unset resp.http.Cache-Tag;
    if (obj.uncacheable) {
        set resp.http.X-Cache = "PASS";
    } elsif (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    # Browsers keep no copy of their own without asking (a 304 from here): a purge reaches
    # every reader at once, an unpublished page included.
    if (resp.http.Cache-Control ~ "s-maxage") {
        set resp.http.Cache-Control = "no-cache";
    }
}
