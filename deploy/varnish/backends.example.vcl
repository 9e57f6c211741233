# Copy to backends.vcl (next to default.vcl) and list the gunicorn hosts. Each is probed: a host
# that stops answering is left out, and with none left the cache serves its copies for their
# whole grace (stale-if-error) instead of errors.
import directors;

probe app_health {
    .url = "/robots.txt";
    .interval = 2s;
    .timeout = 1s;
    .window = 3;
    .threshold = 2;
}

backend app1 {
    .host = "10.0.0.11";
    .port = "8000";
    .probe = app_health;
    .first_byte_timeout = 30s;
}

backend app2 {
    .host = "10.0.0.12";
    .port = "8000";
    .probe = app_health;
    .first_byte_timeout = 30s;
}

sub vcl_init {
    new app = directors.round_robin();
    app.add_backend(app1);
    app.add_backend(app2);
}

sub choose_backend {
    set req.backend_hint = app.backend();
}

# Who may purge: the application hosts (their Celery workers send the purges).
acl purgers {
    "localhost";
    "10.0.0.0"/24;
}
