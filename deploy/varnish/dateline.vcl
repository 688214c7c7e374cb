# Dateline's caching proxy (Varnish 7 with varnish-modules' xkey). `deploy/scale.py` fills
# in the lines marked @@…@@: the web processes, and the hosts allowed to purge.
vcl 4.1;

import directors;
import std;
import xkey;

probe health {
    .url = "/healthz/";
    .interval = 1s;
    .timeout = 2s;
    .window = 3;
    .threshold = 2;
}

@@BACKENDS@@

# Only the application's own hosts may purge.
acl purgers {
@@PURGERS@@
}

sub vcl_init {
    new web = directors.round_robin();
@@DIRECTOR@@
}

sub vcl_recv {
    set req.backend_hint = web.backend();

    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(403, "Purging is for the application's hosts only"));
        }
        if (!req.http.xkey-purge) {
            return (synth(400, "Name the surrogate keys to purge in the xkey-purge header"));
        }
        # A key nothing carries purges nothing: "Purged 0".
        set req.http.x-purged = xkey.purge(req.http.xkey-purge);
        return (synth(200, "Purged " + req.http.x-purged));
    }

    # Chat rooms: WebSocket upgrades go through as a tunnel.
    if (req.http.Upgrade ~ "(?i)websocket") {
        return (pipe);
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # Renditions are public; originals leave through the media bank's licensed view alone.
    if (req.url ~ "^/media/" && req.url !~ "^/media/images/") {
        return (synth(404, "Not found"));
    }
    # The newsfeed stream is endless: never stored, never buffered.
    if (req.url ~ "^/[a-z-]+/live/newsfeed/") {
        return (pass);
    }
    if (req.url ~ "^/(admin|api)/") {
        return (pass);
    }
    # Signed-in readers, and a reader with a message waiting, get pages of their own.
    if (req.http.Cookie ~ "(^|;\s*)(sessionid|messages)=") {
        return (pass);
    }
    # Other cookies (CSRF, consent, analytics) change nothing a cached page shows.
    unset req.http.Cookie;
    # A healthy site refreshes an expired page in the background for 10 s at most; when
    # every backend is down (or the database is, and the probes say so), stale pages are
    # served for as long as they are kept.
    if (std.healthy(req.backend_hint)) {
        set req.grace = 10s;
    }
    return (hash);
}

sub vcl_pipe {
    if (req.http.Upgrade) {
        set bereq.http.Upgrade = req.http.Upgrade;
        set bereq.http.Connection = req.http.Connection;
    }
}

sub vcl_backend_response {
    if (bereq.url ~ "^/[a-z-]+/live/newsfeed/") {
        set beresp.do_stream = true;
        set beresp.uncacheable = true;
        return (deliver);
    }
    # A failed refresh keeps the stale copy rather than replacing it with the error.
    if (beresp.status >= 500 && bereq.is_bgfetch) {
        return (abandon);
    }
    set beresp.grace = 24h;
    if (beresp.status != 200 || beresp.http.Cache-Control !~ "public"
        || beresp.http.Cache-Control ~ "(private|no-store|no-cache)") {
        # Personal, an error, or a 404 for an address that may yet be published.
        set beresp.uncacheable = true;
        set beresp.ttl = 60s;
        return (deliver);
    }
    unset beresp.http.Set-Cookie;
    # Kept compressed: readers who accept gzip get it as is, the others unpacked by Varnish.
    # Only public pages, never a personal one (BREACH needs a secret beside a reflection).
    if (beresp.http.Content-Type ~ "^(text/|application/(xml|json|rss\+xml|atom\+xml|javascript))") {
        set beresp.do_gzip = true;
    }
    # The TTL is the application's s-maxage: an hour for what names its keys (a change
    # purges it at once), five minutes for the rest.
    if (bereq.url ~ "^/media/images/") {
        set beresp.ttl = 1d;
    }
    return (deliver);
}

sub vcl_backend_error {
    set beresp.http.Content-Type = "text/plain; charset=utf-8";
    set beresp.http.Retry-After = "5";
    synthetic("The site is being restarted. Please try again in a few seconds.");
    return (deliver);
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Cache = "hit";
    } else {
        set resp.http.X-Cache = "miss";
    }
    unset resp.http.xkey;
    unset resp.http.Via;
}

sub vcl_synth {
    # Plain answers: purge counts, refusals, the 404 for originals.
    set resp.http.Content-Type = "text/plain; charset=utf-8";
    if (resp.status == 503) {
        set resp.http.Retry-After = "5";
    }
    synthetic(resp.reason + {"
"});
    return (deliver);
}
